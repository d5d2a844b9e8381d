// Starts django-prose-editor on each story body of the admin form, with the
// tools its data attribute lists (articles/richtext/fields.py). Imported by
// path, not through an import map, and without Tiptap's injected <style>, so
// the Content-Security-Policy needs no inline script or style.
import * as prose from "../../django_prose_editor/editor.js";

const ATTRIBUTE = "data-django-prose-editor-configurable";
const EMPTY = /^<(\w+)(\s[^>]*)?><\/\1>$/i;

function createEditor(textarea) {
    if (textarea.closest(".prose-editor")) {
        return null;
    }
    const config = JSON.parse(textarea.getAttribute(ATTRIBUTE) || "{}");
    const extensions = [];
    for (const [name, options] of Object.entries(config.extensions || {})) {
        const extension = prose[name];
        if (extension) {
            extensions.push(typeof options === "object" ? extension.configure(options) : extension);
        }
    }
    const disabled = textarea.hasAttribute("disabled");
    const wrapper = prose.crel("div", { className: `prose-editor ${disabled ? "disabled" : ""}` });
    textarea.before(wrapper);
    wrapper.append(textarea);
    return new prose.Editor({
        element: wrapper,
        editable: !disabled,
        extensions,
        content: textarea.value,
        injectCSS: false,
        onUpdate({ editor }) {
            const html = editor.getHTML();
            textarea.value = EMPTY.test(html) ? "" : html;
            textarea.dispatchEvent(new Event("input", { bubbles: true }));
        },
        onDestroy() {
            wrapper.before(textarea);
            wrapper.remove();
        },
    });
}

prose.initializeEditors(createEditor, `[${ATTRIBUTE}]`);
