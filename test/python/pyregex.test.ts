import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPythonRegex } from '../../server/src/service/python/re';

/*
 * Every row below was checked against CPython 3.11.7 (`re.compile(pattern)`,
 * no flags) with a throwaway script kept outside the repository; the verdicts
 * are written out literally so no Python is needed at test time.
 *
 * Row: [pattern, accepted by Python 3.11, what Python reported, expected offset].
 * The third column is documentation only (our messages are worded differently).
 * The offset column is Python's error position converted to UTF-16 units; it is
 * null when Python gives no position (compile-time errors, non-re.error
 * exceptions) or where the checker deliberately points somewhere more useful
 * (e.g. the start of a bad range or of an offending back-reference).
 */
type Row = readonly [pattern: string, accepted: boolean, python: string, offset: number | null];

const CASES: readonly Row[] = [
  // nova
  [".*", true, "", null],
  ["[0-9a-f]{2}", true, "", null],
  ["0[0-7]", true, "", null],
  ["^0000$", true, "", null],
  ["[6[-7]", false, "bad character range [-7", 2],
  ["*", false, "nothing to repeat", 0],
  ["(?P<b>0a)", true, "", null],
  ["0000", true, "", null],
  ["81", true, "", null],
  ["[0-9]+", true, "", null],
  ["0[1-2]", true, "", null],
  ["[0-1]", true, "", null],
  ["[0-7]", true, "", null],
  ["[0-9a-fA-F]{4}", true, "", null],
  ["0000|0001", true, "", null],
  ["(0[0-7])", true, "", null],
  ["[01]?[0-9]", true, "", null],
  ["\\d{2}", true, "", null],
  ["[[:xdigit:]]{2}", true, "", null],
  ["^[0-9a-f]{4}:[0-9a-f]{2}:[01][0-9a-f]\\.[0-7]$", true, "", null],
  ["0?", true, "", null],
  ["+", false, "nothing to repeat", 0],
  ["?", false, "nothing to repeat", 0],
  ["0x1f", true, "", null],
  ["ff$", true, "", null],
  ["[1-3]|1[0-5]", true, "", null],
  ["(?P<b>0a)(?P=b)", true, "", null],
  ["[a-", false, "unterminated character set", 0],
  ["[f-a]", false, "bad character range f-a", 1],
  ["0*", true, "", null],
  ["02:00.*", true, "", null],
  ["*:02:00.*", false, "nothing to repeat", 0],
  ["", true, "", null],
  // jsdiff
  ["(?P<x>a)", true, "", null],
  ["a{,2}", true, "", null],
  ["(?<=0+)", false, "look-behind requires fixed-width pattern", null],
  ["(?<x>a)", false, "unknown extension ?<x", 1],
  ["\\p{L}", false, "bad escape \\p", 0],
  ["(?i)abc", true, "", null],
  ["a(?i)b", false, "global flags not at the start of the expression", 1],
  ["\\P{L}", false, "bad escape \\P", 0],
  ["\\k<x>", false, "bad escape \\k", 0],
  ["(?<x>a)\\k<x>", false, "unknown extension ?<x", 1],
  ["[\\b]", true, "", null],
  ["\\cA", false, "bad escape \\c", 0],
  ["a{,}", true, "", null],
  ["\\z", false, "bad escape \\z", 0],
  ["\\e", false, "bad escape \\e", 0],
  ["\\h", false, "bad escape \\h", 0],
  ["\\R", false, "bad escape \\R", 0],
  ["\\G", false, "bad escape \\G", 0],
  ["\\K", false, "bad escape \\K", 0],
  ["\\Q...\\E", false, "bad escape \\Q", 0],
  ["\\/", true, "", null],
  ["(?u)\\w", true, "", null],
  ["\\-", true, "", null],
  ["\\ ", true, "", null],
  ["\\é", true, "", null],
  // groups
  ["()", true, "", null],
  ["(a)(b)", true, "", null],
  ["(?:a)", true, "", null],
  ["(a", false, "missing ), unterminated subpattern", 0],
  ["a)", false, "unbalanced parenthesis", 1],
  [")", false, "unbalanced parenthesis", 0],
  ["(?:", false, "missing ), unterminated subpattern", 0],
  ["((a)", false, "missing ), unterminated subpattern", 0],
  ["(a))", false, "unbalanced parenthesis", 3],
  ["(?", false, "unexpected end of pattern", 2],
  ["(?)", false, "unknown extension ?)", 1],
  ["(?Q)", false, "unknown extension ?Q", 1],
  ["(?P<1a>x)", false, "bad character in group name '1a'", 4],
  ["(?P<_a1>x)", true, "", null],
  ["(?P<a-b>x)", false, "bad character in group name 'a-b'", 4],
  ["(?P<>x)", false, "missing group name", 4],
  ["(?P<a", false, "missing >, unterminated name", 4],
  ["(?P<a>x)(?P<a>y)", false, "redefinition of group name 'a' as group 2; was group 1", 12],
  ["(?P<a>x)|(?P<a>y)", false, "redefinition of group name 'a' as group 2; was group 1", 13],
  ["(?P<é>x)", true, "", null],
  ["(?P<a b>x)", false, "bad character in group name 'a b'", 4],
  ["(?P=a)", false, "unknown group name 'a'", 4],
  ["(?P<a>x)(?P=a)", true, "", null],
  ["(?P<a>(?P=a))", false, "cannot refer to an open group", 10],
  ["(?P=1)", false, "bad character in group name '1'", 4],
  ["(?P", false, "unexpected end of pattern", 3],
  ["(?Px)", false, "unknown extension ?Px", 1],
  ["(?P<a>x)(?P=a", false, "missing ), unterminated name", 12],
  ["(?P<a>x)(?P=)", false, "missing group name", 12],
  ["(?P<né>x)", true, "", null],
  ["(?>a+)b", true, "", null],
  ["(?>", false, "missing ), unterminated subpattern", 0],
  ["(?>a|b)*", true, "", null],
  ["(?#comment)a", true, "", null],
  ["(?#unterminated", false, "missing ), unterminated comment", 0],
  ["(?#a)*", false, "nothing to repeat", 5],
  ["a(?#a)*", true, "", null],
  ["(?#\\))a", true, "", null],
  ["(?P<𝐀>x)", true, "", null],
  ["(?P<a·>x)", true, "", null],
  // look
  ["(?=a)", true, "", null],
  ["(?!a)", true, "", null],
  ["(?<=a)", true, "", null],
  ["(?<!a)", true, "", null],
  ["(?<=ab|cd)", true, "", null],
  ["(?<=a|bc)", false, "look-behind requires fixed-width pattern", null],
  ["(?<=a*)", false, "look-behind requires fixed-width pattern", null],
  ["(?<=a?)", false, "look-behind requires fixed-width pattern", null],
  ["(?<=a{2})", true, "", null],
  ["(?<=a{2,3})", false, "look-behind requires fixed-width pattern", null],
  ["(?<=a{3,3})", true, "", null],
  ["(?<=\\d\\w.)", true, "", null],
  ["(?<=[abc])", true, "", null],
  ["(?<=(a))\\1", true, "", null],
  ["(?<=(a)\\1)", false, "cannot refer to group defined in the same lookbehind subpattern", null],
  ["(a)(?<=\\1)", true, "", null],
  ["(a*)(?<=\\1)", false, "look-behind requires fixed-width pattern", null],
  ["(?<=(?P<n>a)(?P=n))", false, "cannot refer to group defined in the same lookbehind subpattern", null],
  ["(?<=x(?=a*))", true, "", null],
  ["(?<=(?<=a*)b)", false, "look-behind requires fixed-width pattern", null],
  ["(?<=a(?!b+))", true, "", null],
  ["(?<=(?:ab){2})", true, "", null],
  ["(?<=^)", true, "", null],
  ["(?<=\\b)", true, "", null],
  ["(?<=)", true, "", null],
  ["(?<", false, "unexpected end of pattern", 3],
  ["(?<a", false, "unknown extension ?<a", 1],
  ["(?<=a", false, "missing ), unterminated subpattern", 0],
  ["(?=a)*", true, "", null],
  ["(?<=a)?", true, "", null],
  ["(?:(?<=a*)){0}", false, "look-behind requires fixed-width pattern", null],
  ["(a)(?<=(?(1)a|b))", true, "", null],
  ["(a)(?<=(?(1)a))", false, "look-behind requires fixed-width pattern", null],
  ["(?<=(?(1)a|b))(b)", false, "cannot refer to an open group", null],
  ["(?<=(?>ab))", true, "", null],
  ["(?<=a{4294967294}{2})", false, "multiple repeat", 17],
  ["(?<=(?:a{4294967294}){2})", false, "looks too much behind", null],
  ["(?<=(?:a{2147483647}){2})", true, "", null],
  ["(?<=a++)", false, "look-behind requires fixed-width pattern", null],
  ["(?<=a{2}+)", true, "", null],
  // flags
  ["(?i)", true, "", null],
  ["(?i)(?m)a", true, "", null],
  ["(?#c)(?i)a", true, "", null],
  ["^(?i)a", false, "global flags not at the start of the expression", 1],
  ["a|(?i)b", false, "global flags not at the start of the expression", 2],
  ["(?:(?i)a)", false, "global flags not at the start of the expression", 3],
  ["(?aimsux)a", false, "bad inline flags: flags 'a', 'u' and 'L' are incompatible", null],
  ["(?L)a", false, "bad inline flags: cannot use 'L' flag with a str pattern", null],
  ["(?au)a", false, "bad inline flags: flags 'a', 'u' and 'L' are incompatible", null],
  ["(?a)(?u)a", false, "ValueError: ASCII and UNICODE flags are incompatible", null],
  ["(?i:a)b", true, "", null],
  ["(?-i:a)", true, "", null],
  ["(?i-m:a)", true, "", null],
  ["(?i-i:a)", false, "bad inline flags: flag turned on and off", 5],
  ["(?-a:a)", false, "bad inline flags: cannot turn off flags 'a', 'u' and 'L'", null],
  ["(?t:a)", false, "bad inline flags: cannot turn on global flag", 3],
  ["(?-t:a)", false, "bad inline flags: cannot turn off global flag", 4],
  ["(?i-m)a", false, "missing :", 5],
  ["(?-i)a", false, "missing :", 4],
  ["(?-:a)", false, "missing flag", 3],
  ["(?q)a", false, "unknown extension ?q", 1],
  ["(?iq)a", false, "unknown flag", 3],
  ["(?i", false, "missing -, : or )", 3],
  ["(?i-", false, "missing flag", 4],
  ["(?x) a b # comment", true, "", null],
  ["(?x)a #c\n*", true, "", null],
  ["(?x)a{1, 2}", true, "", null],
  ["(?x)[ ]", true, "", null],
  ["(?x)a\\ *", true, "", null],
  ["(?x)a*\n?", false, "multiple repeat", 7],
  ["(?x:a *)", true, "", null],
  ["(?x)(?-x:a *)", true, "", null],
  ["(?x)a|# c\n*", false, "nothing to repeat", 10],
  ["(?t)a", true, "", null],
  ["(?t)a*", false, "internal: unsupported template operator MAX_REPEAT", null],
  ["(?i)*", false, "nothing to repeat", 4],
  ["(?s).(?m)", false, "global flags not at the start of the expression", 5],
  ["(?a:\\w)(?u:\\w)", true, "", null],
  ["(?x)  (?i)a", true, "", null],
  ["(?=(?i))", false, "global flags not at the start of the expression", 3],
  // cond
  ["(a)?(?(1)b|c)", true, "", null],
  ["(?P<n>a)?(?(n)b|c)", true, "", null],
  ["(?(1)a|b)", false, "invalid group reference 1", 3],
  ["(?(1)a|b)(x)", true, "", null],
  ["(a)(?(1)a|b|c)", false, "conditional backref with more than two branches", 11],
  ["(a)(?(0)a)", false, "bad group number", 6],
  ["(a)(?(-1)a)", false, "bad character in group name '-1'", 6],
  ["(a)(?(+1)a)", true, "", null],
  ["(a)(?( 1 )a)", true, "", null],
  ["(a)(?(1a)a)", false, "bad character in group name '1a'", 6],
  ["(?(n)a)", false, "unknown group name 'n'", 3],
  ["(?P<n>(?(n)x))", true, "", null],
  ["(a)(?()a)", false, "missing group name", 6],
  ["(a)(?(1", false, "missing ), unterminated name", 6],
  ["(a)(?(1)a", false, "missing ), unterminated subpattern", 3],
  ["(a)(?(1_0)a)", false, "invalid group reference 10", 6],
  ["(a)(?(٣)a)(b)(c)", true, "", null],
  ["(a)(?(1)a)*", true, "", null],
  ["(a)(?(1))", true, "", null],
  ["(a)(?(01)a)", true, "", null],
  // quant
  ["a*", true, "", null],
  ["a+", true, "", null],
  ["a?", true, "", null],
  ["a*?", true, "", null],
  ["a+?", true, "", null],
  ["a??", true, "", null],
  ["a*+", true, "", null],
  ["a++", true, "", null],
  ["a?+", true, "", null],
  ["a{2,3}+", true, "", null],
  ["a{2,3}?", true, "", null],
  ["a{3}", true, "", null],
  ["a{3,}", true, "", null],
  ["a{,3}", true, "", null],
  ["a{3,2}", false, "min repeat greater than max repeat", 2],
  ["a{2,2}", true, "", null],
  ["a**", false, "multiple repeat", 2],
  ["a{2}*", false, "multiple repeat", 4],
  ["a*{2}", false, "multiple repeat", 2],
  ["a*?*", false, "multiple repeat", 3],
  ["a++*", false, "multiple repeat", 3],
  ["a+++", false, "multiple repeat", 3],
  ["a{2}{3}", false, "multiple repeat", 4],
  ["(?:a{2}){3}", true, "", null],
  ["a{", true, "", null],
  ["a{1", true, "", null],
  ["a{1,", true, "", null],
  ["a{x}", true, "", null],
  ["a{}", true, "", null],
  ["{}", true, "", null],
  ["{1}", false, "nothing to repeat", 0],
  ["{,}", false, "nothing to repeat", 0],
  ["{", true, "", null],
  ["}", true, "", null],
  ["a{1, 2}", true, "", null],
  ["a{ 1}", true, "", null],
  ["a*{", true, "", null],
  ["a*{}", true, "", null],
  ["a{4294967294}", true, "", null],
  ["a{4294967295}", false, "OverflowError: the repetition number is too large", null],
  ["a{0,4294967295}", false, "OverflowError: the repetition number is too large", null],
  ["|*", false, "nothing to repeat", 1],
  ["(*)", false, "nothing to repeat", 1],
  ["(?:*)", false, "nothing to repeat", 3],
  ["^*", false, "nothing to repeat", 1],
  ["$+", false, "nothing to repeat", 1],
  ["\\b*", false, "nothing to repeat", 2],
  ["\\A?", false, "nothing to repeat", 2],
  ["\\Z{2}", false, "nothing to repeat", 2],
  ["\\B+", false, "nothing to repeat", 2],
  ["\\d*", true, "", null],
  ["()*", true, "", null],
  ["(?:)*", true, "", null],
  ["a|*b", false, "nothing to repeat", 2],
  ["(a)\\1*", true, "", null],
  ["a{0}", true, "", null],
  ["a{00}", true, "", null],
  ["a{1,2,3}", true, "", null],
  ["a{-1}", true, "", null],
  ["x{2}{,}", false, "multiple repeat", 4],
  // esc
  ["\\d\\D\\s\\S\\w\\W", true, "", null],
  ["\\b\\B\\A\\Z", true, "", null],
  ["\\n\\t\\r\\f\\v\\a\\\\", true, "", null],
  ["\\x41", true, "", null],
  ["\\x4", false, "incomplete escape \\x4", 0],
  ["\\x", false, "incomplete escape \\x", 0],
  ["\\xg1", false, "incomplete escape \\x", 0],
  ["\\u0041", true, "", null],
  ["\\u004", false, "incomplete escape \\u004", 0],
  ["\\U0001F600", true, "", null],
  ["\\U0010FFFF", true, "", null],
  ["\\U00110000", false, "bad escape \\U00110000", 0],
  ["\\U0041", false, "incomplete escape \\U0041", 0],
  ["\\N{EM DASH}", true, "", null],
  ["\\N{em dash}", true, "", null],
  ["\\N", false, "missing {", 2],
  ["\\N{}", false, "missing character name", 3],
  ["\\N{EM DASH", false, "missing }, unterminated name", 3],
  ["\\N{EM  DASH}", false, "undefined character name 'EM  DASH'", 0],
  ["\\0", true, "", null],
  ["\\012", true, "", null],
  ["\\0123", true, "", null],
  ["\\08", true, "", null],
  ["\\377", true, "", null],
  ["\\400", false, "octal escape value \\400 outside of range 0-0o377", 0],
  ["\\1", false, "invalid group reference 1", 1],
  ["(a)\\1", true, "", null],
  ["(a\\1)", false, "cannot refer to an open group", 2],
  ["(a)\\2", false, "invalid group reference 2", 4],
  ["(a)\\10", false, "invalid group reference 10", 4],
  ["(a)\\18", false, "invalid group reference 18", 4],
  ["(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10", true, "", null],
  ["(a)\\8", false, "invalid group reference 8", 4],
  ["\\8", false, "invalid group reference 8", 1],
  ["\\9", false, "invalid group reference 9", 1],
  ["\\q", false, "bad escape \\q", 0],
  ["\\y", false, "bad escape \\y", 0],
  ["\\i", false, "bad escape \\i", 0],
  ["\\_", true, "", null],
  ["\\%", true, "", null],
  ["\\", false, "bad escape (end of pattern)", 0],
  ["a\\", false, "bad escape (end of pattern)", 1],
  ["\\\\", true, "", null],
  ["[a\\", false, "bad escape (end of pattern)", 2],
  ["(?#\\", false, "bad escape (end of pattern)", 3],
  ["\\E", false, "bad escape \\E", 0],
  ["\\1a", false, "invalid group reference 1", 1],
  ["\\<", true, "", null],
  ["\\😀", true, "", null],
  ["(a)\\01", true, "", null],
  // class
  ["[abc]", true, "", null],
  ["[^abc]", true, "", null],
  ["[]a]", true, "", null],
  ["[^]a]", true, "", null],
  ["[]", false, "unterminated character set", 0],
  ["[^]", false, "unterminated character set", 0],
  ["[", false, "unterminated character set", 0],
  ["[a", false, "unterminated character set", 0],
  ["[a-z]", true, "", null],
  ["[z-a]", false, "bad character range z-a", 1],
  ["[a-a]", true, "", null],
  ["[-a]", true, "", null],
  ["[a-]", true, "", null],
  ["[--a]", true, "", null],
  ["[a--]", false, "bad character range a--", 1],
  ["[\\d-z]", false, "bad character range \\d-z", 1],
  ["[a-\\d]", false, "bad character range a-\\d", 1],
  ["[\\d-]", true, "", null],
  ["[\\w\\s]", true, "", null],
  ["[\\A]", false, "bad escape \\A", 1],
  ["[\\B]", false, "bad escape \\B", 1],
  ["[\\Z]", false, "bad escape \\Z", 1],
  ["[\\x41-\\x5a]", true, "", null],
  ["[\\x5a-\\x41]", false, "bad character range \\x-\\x", null],
  ["[\\1]", true, "", null],
  ["[\\8]", false, "bad escape \\8", 1],
  ["[\\400]", false, "octal escape value \\400 outside of range 0-0o377", 1],
  ["[\\377]", true, "", null],
  ["[\\q]", false, "bad escape \\q", 1],
  ["[\\]]", true, "", null],
  ["[\\[]", true, "", null],
  ["[[]", true, "", null],
  ["[[:alpha:]]", true, "", null],
  ["[[a]]", true, "", null],
  ["[a&&b]", true, "", null],
  ["[a--b]", false, "bad character range a--", 1],
  ["[a||b]", true, "", null],
  ["[a~~b]", true, "", null],
  ["[😀-😁]", true, "", null],
  ["[😁-😀]", false, "bad character range 😁-😀", 1],
  ["[\\N{EM DASH}]", true, "", null],
  ["[\\N{}]", false, "missing character name", 4],
  ["[\\u0041-\\u005A]", true, "", null],
  ["[\\-]", true, "", null],
  ["[a-\\]", false, "bad character range a-\\]", 1],
  ["[.*+?]", true, "", null],
  ["[(]", true, "", null],
  ["[)]", true, "", null],
  ["[a-\\n]", false, "bad character range a-\\n", 1],
  // misc
  ["a|b|", true, "", null],
  ["|", true, "", null],
  ["a||b", true, "", null],
  ["^$", true, "", null],
  ["$^", true, "", null],
  ["a.b", true, "", null],
  ["]", true, "", null],
  ["a]", true, "", null],
  ["(?:a|b)+c", true, "", null],
  ["(a|b)*?c", true, "", null],
  ["((((a))))", true, "", null],
  ["é+", true, "", null],
  ["😀+", true, "", null],
  ["[é-ü]+", true, "", null],
  ["a)[", false, "unbalanced parenthesis", 1],
  // unicode
  ["😀\\q", false, "bad escape \\q", 2],
  ["é\\q", false, "bad escape \\q", 1],
  ["[😀", false, "unterminated character set", 0],
  ["(?P<😀>x)", false, "bad character in group name '😀'", 4],
  ["\\U0001F600{2}", true, "", null],
  // cond
  ["(?P<a>a)(?(a)b|c)", true, "", null],
  // flags
  ["(?x)(?#c)  (?i)a", true, "", null],
  // look
  ["(?<!(?P<n>)\\1)", false, "cannot refer to group defined in the same lookbehind subpattern", null],
  ["(?<=(?P<n>a))(?P=n)", true, "", null],
  // esc
  ["(a)\\1\\2", false, "invalid group reference 2", 6],
  // groups
  ["(?P<a>a)(?P<b>(?P=a))", true, "", null],
  // flags
  ["(?x)[#]a", true, "", null],
  ["(?x)a#(\n)", false, "unbalanced parenthesis", 8],
  // quant
  ["a{2}?+", false, "multiple repeat", 5],
  ["a?{", true, "", null],
  // class
  ["[^-a]", true, "", null],
  ["[]-a]", true, "", null],
  ["[a-b-c]", true, "", null],
];

test('the table is large enough and has no duplicate patterns', () => {
  assert.ok(CASES.length >= 150);
  assert.equal(new Set(CASES.map((r) => r[0])).size, CASES.length);
});

for (const [pattern, accepted, python, offset] of CASES) {
  const label = `${JSON.stringify(pattern)} is ${accepted ? 'accepted' : `rejected (${python})`}`;
  test(label, () => {
    const err = checkPythonRegex(pattern);
    if (accepted) {
      assert.equal(err, undefined, `unexpected error: ${JSON.stringify(err)}`);
      return;
    }
    if (err === undefined) {
      assert.fail('expected an error');
      return;
    }
    assert.equal(typeof err.message, 'string');
    assert.ok(err.message.length > 0);
    assert.ok(err.offset >= 0 && err.offset <= pattern.length, `offset ${err.offset} out of range`);
    assert.ok(err.length >= 0 && err.offset + err.length <= pattern.length, `length ${err.length} out of range`);
    if (offset !== null) assert.equal(err.offset, offset, `offset for ${err.message}`);
  });
}

test('messages name the problem', () => {
  const msg = (p: string): string => checkPythonRegex(p)?.message ?? '';
  assert.match(msg('*'), /nothing to repeat/);
  assert.match(msg('a**'), /multiple repeat/);
  assert.match(msg('(a'), /missing \)/);
  assert.match(msg('a)'), /unbalanced parenthesis/);
  assert.match(msg('[a'), /unterminated character set/);
  assert.match(msg('\\q'), /bad escape \\q/);
  assert.match(msg('\\p{L}'), /bad escape \\p/);
  assert.match(msg('(?<=a*)'), /look-behind requires fixed-width pattern/);
  assert.match(msg('(?P=nope)'), /unknown group name/);
  assert.match(msg('a{3,2}'), /min repeat greater than max repeat/);
  assert.match(msg('[z-a]'), /bad character range/);
  assert.match(msg('[\\d-z]'), /bad character range/);
  assert.match(msg('[6[-7]'), /bad character range/);
  assert.match(msg('\\2'), /invalid group reference/);
  assert.match(msg('(a\\1)'), /open group/);
  assert.match(msg('a(?i)b'), /global flags not at the start/);
  assert.match(msg('(?P<a>x)(?P<a>y)'), /redefinition of group name/);
});

test('error ranges cover the offending text', () => {
  assert.deepEqual(checkPythonRegex('ab\\q'), { offset: 2, length: 2, message: checkPythonRegex('ab\\q')!.message });
  const bad = checkPythonRegex('x[z-a]');
  assert.equal(bad?.offset, 2);
  assert.equal(bad?.length, 3);
  // Offsets are UTF-16 indices even after astral characters.
  assert.equal(checkPythonRegex('😀😀\\q')?.offset, 4);
});

test('pathological patterns are checked quickly (no backtracking, no stack overflow)', { timeout: 10000 }, () => {
  assert.equal(checkPythonRegex('(a+)+$'.repeat(2000)), undefined);
  assert.equal(checkPythonRegex('(?:a|a)*b'.repeat(20000)), undefined);
  assert.equal(checkPythonRegex('(x+x+)+y' + 'a{1'.repeat(50000)), undefined);
  // Very deep nesting is reported (Python raises RecursionError) rather than overflowing our stack.
  assert.notEqual(checkPythonRegex('('.repeat(200000) + ')'.repeat(200000)), undefined);
  assert.equal(checkPythonRegex('('.repeat(400) + ')'.repeat(400)), undefined);
});
