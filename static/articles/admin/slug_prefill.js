// Fills an empty slug from the title (or name) while the editor types, with
// the transliteration tables the server uses (articles/transliteration.py),
// passed in the input's data attributes. Stops once the editor edits the slug.
"use strict";
{
    function transliterate(text, language, tables) {
        const table = language === "ru" ? tables.ru : tables.kk;
        // Lower-case while still Cyrillic: lower-casing Latin would turn the
        // capital I (Cyrillic І) into a dotted i.
        let latin = "";
        for (const char of text.toLowerCase()) {
            latin += Object.hasOwn(table, char) ? table[char] : char;
        }
        let folded = "";
        for (const char of latin) {
            folded += Object.hasOwn(tables.fold, char) ? tables.fold[char] : char;
        }
        return folded.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    }

    function slugify(text, language, tables, maxLength) {
        const words = transliterate(text, language, tables).match(/[a-z0-9]+/g) || [];
        let slug = "";
        for (const word of words) {
            const candidate = slug ? `${slug}-${word}` : word;
            if (candidate.length > maxLength) {
                break;
            }
            slug = candidate;
        }
        return slug || (words[0] || "").slice(0, maxLength);
    }

    function attach(input) {
        const sources = JSON.parse(input.dataset.slugSources);
        const tables = JSON.parse(input.dataset.slugTables);
        const maxLength = Number(input.dataset.slugMaxLength);
        const originalLanguage = document.getElementById("id_original_language");
        let touched = input.value !== "";

        function refresh() {
            if (touched) {
                return;
            }
            const preferred = originalLanguage ? originalLanguage.value : "kk";
            const order = [preferred, "kk", "ru", "en"].filter((code, index, all) =>
                all.indexOf(code) === index && code in sources);
            for (const language of order) {
                const field = document.getElementById(sources[language]);
                const slug = field ? slugify(field.value, language, tables, maxLength) : "";
                if (slug) {
                    input.value = slug;
                    return;
                }
            }
            input.value = "";
        }

        input.addEventListener("input", () => {
            touched = input.value !== "";
        });
        for (const id of Object.values(sources)) {
            const field = document.getElementById(id);
            if (field) {
                field.addEventListener("input", refresh);
            }
        }
        if (originalLanguage) {
            originalLanguage.addEventListener("change", refresh);
        }
    }

    document.addEventListener("DOMContentLoaded", () => {
        document.querySelectorAll("input[data-slug-sources]").forEach(attach);
    });
}
