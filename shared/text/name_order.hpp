// Sorting Vietnamese personal names the Vietnamese way: by the given name (the last word), then
// by the rest from the start (family name, middle names), as class lists and registers do.
#pragma once

#include <string>
#include <string_view>

namespace motcua::text {

// Order of names, < 0, 0 or > 0. Within a word, letters follow the Vietnamese alphabet
// (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with f j w z at their Latin
// places), then the word's tone decides, in the order of dictionaries and of CLDR's Vietnamese
// collation (what browsers and databases use): none, huyền, hỏi, ngã, sắc, nặng. (School
// books list the tones as ngang, huyền, sắc, hỏi, ngã, nặng; we follow the dictionaries so
// our lists agree with other software.) Digraphs (ch, kh, ng, nh, th, tr…) are sorted letter
// by letter, as in CLDR's standard collation (its "traditional" one makes them letters).
// A word's tone counts before the following words, so "Anh" < "Ánh" < "Anhh" < "Bình".
// Case is ignored; NFC and decomposed text, and the old and new places of the tone mark
// ("Hòa", "Hoà"), compare equal. Apostrophes, hyphens and dots inside words are ignored
// ("H'Hen" = "HHen"); digits come before letters; other characters after every letter, by
// code point. It builds both names' keys: to sort many names, compute name_sort_key once each.
int compare_names(std::string_view a, std::string_view b);

// A byte string whose memcmp order (shorter first on a common prefix, as std::string's <)
// is the order of compare_names; equal names give equal keys. For ORDER BY on a stored column.
std::string name_sort_key(std::string_view name);

} // namespace motcua::text
