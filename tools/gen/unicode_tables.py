#!/usr/bin/env python3
# Generates shared/text/unicode_tables.inc, the compact Unicode tables behind NFC and search keys,
# from nothing but Python's unicodedata. Usage: unicode_tables.py [--check] (from any directory).
import os
import sys
import unicodedata as ud

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "shared", "text", "unicode_tables.inc")

S_BASE, S_COUNT = 0xAC00, 11172
V_FIRST, V_LAST = 0x1161, 0x1175  # Hangul vowels: may combine with a preceding L
T_FIRST, T_LAST = 0x11A8, 0x11C2  # Hangul trailing consonants: may combine with a preceding LV

# CJK compatibility ideographs are ~1000 singletons; a dense array per block beats a sorted table.
CJK_BLOCKS = [(0xF900, 0xFADA), (0x2F800, 0x2FA1E)]

BLOCK_SHIFT = 6  # the BMP quick-reject bitmaps have one bit per 64 code points
RUN_GAP = 2  # decomposition runs absorb gaps this small (an empty slot is cheaper than a run)


def all_code_points():
    return (cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)


def canonical_decompositions():
    table = {}
    for cp in all_code_points():
        if S_BASE <= cp < S_BASE + S_COUNT:
            continue  # Hangul syllables are decomposed algorithmically
        d = ud.decomposition(chr(cp))
        if d and not d.startswith("<"):
            table[cp] = [int(x, 16) for x in d.split()]
    return table


def in_cjk_block(cp):
    return any(lo <= cp < hi for lo, hi in CJK_BLOCKS)


def ccc(cp):
    return ud.combining(chr(cp))


def wrap(items, indent="    ", width=100):
    lines, line = [], indent
    for item in items:
        piece = item + ","
        if len(line) + len(piece) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = indent
        line += piece + " "
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def array(decl, items, comment=None):
    out = ["// " + line for line in (comment or "").split("\n") if line]
    out += [decl + " = {", wrap(items), "};", ""]
    return out


def bitmap(blocks):
    words = []
    for w in range(0, len(blocks), 64):
        words.append(sum(b << i for i, b in enumerate(blocks[w:w + 64])))
    return ["0x%016xull" % w for w in words]


def combining_class_tables():
    runs = []
    for cp in all_code_points():
        c = ccc(cp)
        if c == 0:
            continue
        if runs and runs[-1][1] == cp - 1 and runs[-1][2] == c and runs[-1][1] - runs[-1][0] < 31:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp, c])
    classes = sorted({r[2] for r in runs})
    assert len(classes) < 64
    items = ["0x%08x" % ((lo << 11) | ((hi - lo) << 6) | classes.index(c)) for lo, hi, c in runs]
    return (array("constexpr std::uint8_t ccc_values[%d]" % len(classes),
                  ["%d" % c for c in classes], "Distinct nonzero canonical combining classes.") +
            array("constexpr std::uint32_t ccc_runs[%d]" % len(runs), items,
                  "Runs of one class: first << 11 | (count - 1) << 6 | index into ccc_values."))


def decomposition_tables(dec, composes, maybe):
    general = sorted(cp for cp in dec if not in_cjk_block(cp))
    seconds = sorted({d[1] for d in dec.values() if len(d) == 2})
    assert len(seconds) < 128
    for s in seconds:
        assert s not in dec  # so decomposition only ever recurses into the first half

    # Consecutive code points share a run; each slot holds one decomposition or 0.
    runs, slots, slot_of = [], [], {}
    for cp in general:
        if runs and cp - runs[-1][1] <= RUN_GAP:
            slots += [(0, 0)] * (cp - runs[-1][1] - 1)
            runs[-1][1] = cp
        else:
            runs.append([cp, cp, len(slots)])
        first = dec[cp][0]
        second = seconds.index(dec[cp][1]) + 1 if len(dec[cp]) == 2 else 0
        # The first half lies in the plane of the code point, so 16 bits of it are enough.
        assert 0 < first & 0xFFFF and first >> 16 == cp >> 16 and cp <= 0x1FFFF
        slot_of[cp] = len(slots)
        slots.append((first, second | ((cp in composes) << 7)))
    assert len(slots) < 2048
    plane1 = min(slot_of[cp] for cp in general if cp > 0xFFFF)
    run_items = ["0x%08x" % ((lo << 11) | offset) for lo, hi, offset in runs]
    run_items.append("0x%08x" % ((0x1FFFF << 11) | len(slots)))  # ends the last run

    order = sorted((slot_of[cp] for cp in general if cp in composes),
                   key=lambda i: (slots[i][0], slots[i][1] & 0x7F))

    cjk_items, cjk_supplementary = [], []
    for lo, hi in CJK_BLOCKS:
        for cp in range(lo, hi):
            d = dec.get(cp)
            if d is None:
                cjk_items.append("0")
                continue
            assert len(d) == 1 and cp not in composes
            target = d[0]
            if target <= 0xFFFF:
                assert target >= 0x3400
                cjk_items.append("0x%04x" % target)
            else:
                if target not in cjk_supplementary:
                    cjk_supplementary.append(target)
                cjk_items.append("%d" % (cjk_supplementary.index(target) + 1))
    assert len(cjk_supplementary) < 0x3400

    out = array("constexpr std::uint32_t decomposition_runs[%d]" % len(run_items), run_items,
                "Runs of code points with a canonical decomposition: first << 11 | index of its\n"
                "slot in the decomposition_* arrays; the last entry only ends the run before it.")
    out += ["// Slots from here on hold code points above U+FFFF, as do their first halves.",
            "constexpr std::size_t decomposition_plane1_slot = %d;" % plane1, ""]
    out += array("constexpr std::uint16_t decomposition_firsts[%d]" % len(slots),
                 ["0x%04x" % (f & 0xFFFF) if f else "0" for f, m in slots],
                 "Low 16 bits of the first half of each slot's decomposition; 0 for none.\n"
                 "CJK compatibility ideographs and Hangul are elsewhere.")
    out += array("constexpr std::uint8_t decomposition_meta[%d]" % len(slots),
                 ["0x%02x" % m for f, m in slots],
                 "1 + index into decomposition_seconds (0 for a singleton)\n"
                 "| primary composite << 7.")
    out += array("constexpr std::uint32_t decomposition_seconds[%d]" % len(seconds),
                 ["0x%08x" % (s | ((s in maybe) << 31)) for s in seconds],
                 "Second halves of pair decompositions; bit 31: ends a primary composite\n"
                 "(NFC_QC=Maybe).")
    out += array("constexpr std::uint16_t composition_order[%d]" % len(order),
                  ["%d" % i for i in order],
                  "Slots of the primary composites, sorted by (first, second).")
    out += ["struct cjk_block {", "    std::uint32_t first;", "    std::uint32_t end;",
            "    std::uint32_t offset;", "};", ""]
    blocks, offset = [], 0
    for lo, hi in CJK_BLOCKS:
        blocks.append("{0x%05x, 0x%05x, %d}" % (lo, hi, offset))
        offset += hi - lo
    out += array("constexpr cjk_block cjk_blocks[%d]" % len(blocks), blocks)
    out += array("constexpr std::uint16_t cjk_targets[%d]" % len(cjk_items), cjk_items,
                 "CJK compatibility ideographs: a BMP target, 1 + index into cjk_supplementary,\n"
                 "or 0 (a unified ideograph inside the block).")
    out += array("constexpr std::uint32_t cjk_supplementary[%d]" % len(cjk_supplementary),
                 ["0x%05x" % t for t in cjk_supplementary])
    return out


def quick_check_tables(dec, composes, maybe):
    qc_no = {cp for cp in dec if cp not in composes}
    # Cross-check the derived NFC_QC=No set and the 4-slot decomposition bound.
    for cp in all_code_points():
        s = chr(cp)
        assert (ud.normalize("NFC", s) != s) == (cp in qc_no), hex(cp)
        assert len(ud.normalize("NFD", s)) <= 4
    qc_blocks = [0] * (0x10000 >> BLOCK_SHIFT)
    nfd_blocks = [0] * (0x10000 >> BLOCK_SHIFT)
    for cp in range(0x10000):
        jamo = V_FIRST <= cp <= V_LAST or T_FIRST <= cp <= T_LAST
        hangul = S_BASE <= cp < S_BASE + S_COUNT
        if ccc(cp) != 0 or cp in qc_no or cp in maybe or jamo:
            qc_blocks[cp >> BLOCK_SHIFT] = 1
        if ccc(cp) != 0 or cp in dec or hangul:
            nfd_blocks[cp >> BLOCK_SHIFT] = 1
    return (array("constexpr std::uint64_t qc_blocks[%d]" % (len(qc_blocks) // 64),
                  bitmap(qc_blocks), "One bit per 64 BMP code points, set where any has a\n"
                  "nonzero combining class or NFC_QC != Yes.") +
            array("constexpr std::uint64_t nfd_blocks[%d]" % (len(nfd_blocks) // 64),
                  bitmap(nfd_blocks), "One bit per 64 BMP code points, set where any has a\n"
                  "nonzero combining class or decomposes."))


def lowercase_tables():
    lower = []
    for cp in all_code_points():
        lo = chr(cp).lower()
        if lo != chr(cp):
            # Only U+0130 lowers to two code points (i + U+0307); the mark goes anyway.
            assert len(lo) == 1 or (cp == 0x130 and lo[1:] == "\u0307")
            lower.append((cp, ord(lo[0])))
    runs = []  # [first, count, delta, stride]: every code point, or every other one
    for cp, lo in lower:
        delta = lo - cp
        if runs:
            first, count, d, stride = runs[-1]
            if d == delta and count < 128 and (
                    (count == 1 and cp - first in (1, 2)) or
                    (count > 1 and cp == first + stride * count)):
                runs[-1] = [first, count + 1, d, cp - first if count == 1 else stride]
                continue
        runs.append([cp, 1, delta, 1])
    deltas = sorted({r[2] for r in runs})
    assert len(deltas) < 128 and max(r[0] for r in runs) <= 0x1FFFF
    items = ["0x%08x" % ((f << 15) | ((n - 1) << 8) | ((s == 2) << 7) | deltas.index(d))
             for f, n, d, s in runs]
    return (array("constexpr std::int32_t lower_deltas[%d]" % len(deltas),
                  ["%d" % d for d in deltas], "Distinct lowercase offsets.") +
            array("constexpr std::uint32_t lower_runs[%d]" % len(runs), items,
                  "Simple lowercase: first << 15 | (count - 1) << 8 | (stride is 2) << 7 | index\n"
                  "into lower_deltas; lower = cp + delta. Sorted."))


def build():
    dec = canonical_decompositions()
    # A pair decomposition is a primary composite exactly when NFC keeps the character: that
    # folds in CompositionExclusions.txt, singletons and non-starter decompositions.
    composes = {cp for cp, d in dec.items()
                if len(d) == 2 and ud.normalize("NFC", chr(cp)) == chr(cp)}
    for cp in composes:
        first = chr(dec[cp][0])
        assert ccc(dec[cp][0]) == 0 and ud.normalize("NFC", first) == first
    maybe = {dec[cp][1] for cp in composes}
    assert not (maybe & composes), "a primary composite that is also a second would need a flag"

    version = ud.unidata_version
    lines = [
        "// GENERATED by tools/gen/unicode_tables.py from Unicode %s (Python's unicodedata)."
        % version,
        "// Do not edit; rerun the script. nfc.cpp and search_key.cpp each include it once and",
        "// take only their own section, so no table is linked twice.",
        "",
        "#if defined(MOTCUA_TEXT_NFC_TABLES)",
        "",
        'constexpr char unicode_data_version[] = "%s";' % version,
        "",
    ]
    lines += combining_class_tables()
    lines += decomposition_tables(dec, composes, maybe)
    lines += quick_check_tables(dec, composes, maybe)
    lines += ["#endif // MOTCUA_TEXT_NFC_TABLES", "", "#if defined(MOTCUA_TEXT_CASE_TABLES)", ""]
    lines += lowercase_tables()
    lines += ["#endif // MOTCUA_TEXT_CASE_TABLES", ""]
    return "\n".join(lines)


def main():
    text = build()
    if "--check" in sys.argv[1:]:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                print("unicode_tables.inc is out of date; rerun tools/gen/unicode_tables.py")
                return 1
        return 0
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("wrote %s (Unicode %s, %d bytes)" % (os.path.relpath(OUT, ROOT), ud.unidata_version,
                                                 len(text.encode())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
