"""Prints the table of one mode of bench/http/run from its results on
standard input, one measurement a line: mode page round requests/s p50 p99
non-2xx socket-errors. Each figure is the median over the rounds; the ratio
is the page's median requests/s over the minimal view's: that of the mode
given second when there is one (the proxy mode is compared with the minimal
view straight from gunicorn)."""

import statistics
import sys


def medians_of(lines: list[str], mode: str) -> dict[str, list[float]]:
    runs: dict[str, list[tuple[float, float, float]]] = {}
    for line in lines:
        fields = line.split()
        if len(fields) == 8 and fields[0] == mode:
            runs.setdefault(fields[1], []).append(tuple(map(float, fields[3:6])))
    return {
        page: [statistics.median(column) for column in zip(*rows, strict=True)]
        for page, rows in runs.items()
    }


def main(mode: str, yardstick_mode: str) -> None:
    lines = sys.stdin.readlines()
    medians = medians_of(lines, mode)
    minimal = medians_of(lines, yardstick_mode).get("minimal", [0.0])[0]
    sys.stdout.write("| page | requests/s | p50 ms | p99 ms | ratio to minimal |\n")
    sys.stdout.write("| --- | ---: | ---: | ---: | ---: |\n")
    for page, (rps, p50, p99) in medians.items():
        ratio = f"{rps / minimal:.3f}" if minimal else "-"
        sys.stdout.write(f"| {page} | {rps:.0f} | {p50:.1f} | {p99:.1f} | {ratio} |\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else sys.argv[1])
