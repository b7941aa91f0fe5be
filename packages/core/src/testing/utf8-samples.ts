/**
 * Strings whose UTF-8 size is easy to get wrong (multi-byte characters,
 * surrogate pairs, lone and reversed surrogates, control characters), for
 * the tests that compare a byte count with `TextEncoder`'s. Test helper.
 */
export const UTF8_SAMPLES = [
  "",
  "ascii only",
  "é ü ß",
  "€ ✓ 中文",
  "😀 two units",
  "lone high \ud800 end",
  "lone low \udc00 end",
  "\ud800",
  "\udbff\udbff\udfff",
  "reversed \udc00\ud800",
  "mix a\u0000\u007f\u0080\u07ff\u0800\uffff\ud83d\ude00",
];
