import { describe, expect, it } from 'vitest';
import { renderGoTemplate, TemplateError } from './template-go';

// Each function as Go's text/template and sprig print it in an ApplicationSet template.
const data = { name: 'Web_App', env: '', n: 3, nul: null, empty: [], list: ['b', 'a', 'b', ''], map: { b: 2, a: 1 }, yaml: 'a: 1\nb: [x]', json: '{"k":[1,2]}' };
const cases: [string, string][] = [
  // Go builtins
  ['{{ len .name }} {{ len .list }} {{ len .map }}', '7 4 2'],
  ['{{ not .env }} {{ not .name }} {{ not .list }}', 'true false false'],
  ['{{ eq .n 1 2 3 }} {{ eq .n 1 }} {{ ne .n 3 }} {{ ne .name "x" }}', 'true false false true'],
  ['{{ lt 1 2 }} {{ lt 2 2 }} {{ le 2 2 }} {{ le 3 2 }} {{ gt 3 2 }} {{ gt 2 2 }} {{ ge 2 2 }} {{ ge 1 2 }} {{ lt "a" "b" }} {{ gt "b" "a" }} {{ lt "b" "a" }} {{ ge "a" "a" }} {{ gt "a" "a" }} {{ le "b" "a" }}', 'true false true false true false true false true true false true false false'],
  ['{{ print "a" "b" }}|{{ print 1 2 }}|{{ print "a" 1 2 "b" }}|{{ println "a" 1 nil }}|{{ print .nope }}', 'ab|1 2|a1 2b|a 1 <nil>\n|<nil>'],
  ['{{ printf "%s-%d-%v-%q-%.2f-%x-%x-%t-%%-%s" .name 7 .n "q" 3.14159 255 "hi" true }}', 'Web_App-7-3-"q"-3.14-ff-6869-true-%-%!s(MISSING)'],
  ['{{ printf "%f" 1.5 }} {{ printf "%.10f|%x" 1.5 "é" }}', '1.500000 1.5000000000|c3a9'],
  ['{{ html "<a href=\'x\'>&\\"" }}', '&lt;a href=&#39;x&#39;&gt;&amp;&#34;'],
  ['{{ urlquery "a b&c/d?e=f!*()~" }} {{ urlquery "a" 1 }}', 'a+b%26c%2Fd%3Fe%3Df%21%2A%28%29~ a1'],
  // defaults and logic
  ['{{ default "dev" .env }} {{ default "dev" .name }} {{ default "dev" }} {{ default "x" 0 }} {{ default "d" .nope }}', 'dev Web_App dev x d'],
  ['{{ empty .env }} {{ empty .n }} {{ empty .map }} {{ empty false }} {{ empty (dict) }} {{ empty .empty }} {{ empty .nope }}', 'true false false true true true true'],
  ['{{ coalesce .env 0 "c" "d" }} {{ coalesce .env 0 }}', 'c <nil>'],
  ['{{ ternary "yes" "no" true }} {{ ternary "yes" "no" false }}', 'yes no'],
  ['{{ required "need it" .name }}', 'Web_App'],
  // strings
  ['{{ lower .name }} {{ upper .name }} {{ title "hello wORLD it\'s x-y 2nd" }} {{ title .name }}', "web_app WEB_APP Hello WORLD It'S X-Y 2nd Web_App"],
  ['[{{ trim "  a b  " }}] {{ trimAll "$-" "$-5.00-$" }} {{ trimAll "]^" "^]a]^" }}', '[a b] 5.00 a'],
  ['{{ trimPrefix "Web" .name }} {{ trimPrefix "x" .name }} {{ trimSuffix "App" .name }} {{ trimSuffix "" .name }} {{ trimSuffix "x" .name }}', '_App Web_App Web_ Web_App Web_App'],
  ['{{ replace "_" "-" .name }} {{ contains "b_A" .name }} {{ contains "x" .name }} {{ hasPrefix "We" .name }} {{ hasPrefix "eb" .name }} {{ hasSuffix "pp" .name }} {{ hasSuffix "We" .name }}', 'Web-App true false true false true false'],
  ['{{ quote "a" 1 nil "b\\"" .nope }}|{{ squote "a" nil 2 .nope }}|{{ cat "a" nil 1 .nope "b" }}', '"a" "1" "b\\""|\'a\' \'2\'|a 1 b'],
  ['{{ repeat 3 "ab" }}|{{ repeat 0 "ab" }}|', 'ababab||'],
  ['{{ substr 1 3 "hello" }} {{ substr -1 2 "hello" }} {{ substr 2 -1 "hello" }} {{ substr 2 9 "hello" }}', 'el he llo llo'],
  ['{{ trunc 3 "hello" }} {{ trunc -2 "hello" }} {{ trunc 9 "hello" }} [{{ trunc 0 "hello" }}]', 'hel lo hello []'],
  ['{{ nospace " a b\\tc " }} {{ indent 2 "a\\nb" }} |{{ nindent 2 "a\\nb" }}', 'abc   a\n  b |\n  a\n  b'],
  ['{{ kebabcase "myAppName_two  words" }} {{ snakecase "myAppName-two  words" }}', 'my-app-name-two-words my_app_name_two_words'],
  ['{{ toString 12 }} {{ toString .map }} {{ toString nil }} {{ toString .nope }} {{ toStrings .list }} {{ toStrings 5 }}', '12 map[a:1 b:2] <nil> <nil> [b a b ] [5]'],
  ['{{ join "," .list }} {{ join "," "one" }} {{ join "," .nope }}|{{ split "." "a.b.c" }} {{ (split "." "a.b.c")._1 }} {{ splitList "." "a.b" }}', 'b,a,b, one |map[_0:a _1:b _2:c] b [a b]'],
  ['{{ regexMatch "^W.b" .name }} {{ regexMatch "^x" .name }} {{ regexFind "[A-Z]\\\\w" .name }} [{{ regexFind "x" .name }}]', 'true false We []'],
  ['{{ regexReplaceAll "([a-z])_([A-Z])" .name "${2}.${1}" }} {{ regexReplaceAll "(?P<first>W)" .name "<${first}>" }} {{ regexReplaceAll "a" "banana" "o" }} {{ regexReplaceAll "(?P<x1>n)" "banana" "${x1}${x1}" }}', 'WeA.bpp <W>eb_App bonono bannanna'],
  ['{{ b64enc "hi there" }} {{ b64dec "aGkgdGhlcmU=" }}', 'aGkgdGhlcmU= hi there'],
  // numbers
  ['{{ add 1 2 "3" }} {{ add1 .n }} {{ sub 10 .n }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ mod 7 3 }} {{ max 1 9 3 }} {{ min 4 2 8 }}', '6 4 7 24 3 1 9 2'],
  ['{{ int "42" }} {{ int 3.9 }} {{ int64 -3.9 }} {{ atoi "7" }} {{ atoi "x" }} {{ float64 "1.5" }} {{ int true }} {{ add 1 .map }} {{ int (list 5) }} {{ add1 nil }}', '42 3 -3 7 0 1.5 1 1 0 1'],
  // lists and dicts
  ['{{ list 1 "a" }} {{ first .list }} {{ last .list }} {{ rest .list }} {{ initial .list }} {{ first .empty }} {{ last .empty }} {{ last (list 1 2) }}', '[1 a] b  [a b ] [b a b] <nil> <nil> 2'],
  ['{{ has "a" .list }} {{ has "z" .list }} {{ uniq .list }} {{ compact .list }} {{ append .list "c" }} {{ concat .list (list "x") }}', 'true false [b a ] [b a b] [b a b  c] [b a b  x]'],
  ['{{ dict "a" 1 "b" }} {{ get .map "a" }} [{{ get .map "z" }}] {{ hasKey .map "b" }} {{ hasKey .map "z" }} {{ hasKey .nope "z" }}', 'map[a:1 b:] 1 [] true false false'],
  ['{{ keys (dict "a" 1) (dict "c" 3) }} {{ values (dict "a" 1) }} {{ keys .nope }} {{ values .nope }}', '[a c] [1] [] []'],
  ['{{ pick .map "a" "z" }} {{ omit .map "a" }} {{ pick .nope "a" }}', 'map[a:1] map[b:2] map[]'],
  ['{{ dig "a" "b" "def" (dict "a" (dict "b" "found")) }} {{ dig "a" "x" "def" (dict "a" (dict "b" 1)) }} {{ dig "x" "def" (dict "a" 1) }} {{ dig "a" "def" (dict "a" 1) }}', 'found def def 1'],
  // encodings and Argo CD's additions
  ['{{ toJson .map }} {{ toJson .nope }} {{ toJson "<a&b>" }} {{ toRawJson "<a>" }} {{ toRawJson (dict "z" (list (dict "y" 1 "x" 2))) }}', '{"a":1,"b":2} null "\\u003ca\\u0026b\\u003e" "<a>" {"z":[{"x":2,"y":1}]}'],
  ['{{ toPrettyJson .map }}', '{\n  "a": 1,\n  "b": 2\n}'],
  ['{{ toYaml .map }}|{{ toYaml .nope }}|{{ toYaml (list (dict "k" "v")) }}', 'a: 1\nb: 2|null|- k: v'],
  ['{{ (fromYaml .yaml).b }} {{ fromYamlArray "- a\\n- b" }} {{ (fromJson .json).k }}', '[x] [a b] [1 2]'],
  ['{{ normalize "--My_App.v1--" }} {{ len (normalize (repeat 300 "a")) }}', 'my-app.v1 253'],
  // Argo CD's slugify [maxSize [smartTruncate]] name
  ['{{ slugify "Hello, World! Again" }}|{{ slugify "--My.App--" }}|{{ slugify 8 "hello-world-again" }}|{{ slugify 8 false "hello-world-again" }}|{{ slugify 8 true "hello-world-again" }}', 'hello-world-again|my-app|hello|hello-wo|hello'],
  ['{{ slugify 3 "abcdef" }}|{{ slugify 4 "abcd-ef" }}|{{ slugify 5 "a-b-c-d" }}|{{ slugify (repeat 60 "a") }}|{{ slugify 5 "abcde" }}|{{ slugify 4 "-a-bcdef" }}', 'abc|abcd|a-b-c|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|abcde|a'],
];

describe('template functions as Go and sprig print them', () => {
  it.each(cases)('%s', (template, expected) => {
    expect(renderGoTemplate(template, data)).toBe(expected);
  });

  it('fails where sprig fails, with its message, at the call', () => {
    const failure = (t: string) => {
      try {
        renderGoTemplate(t, data);
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        return [e.message, e.offset];
      }
      throw new Error(`${t} rendered`);
    };
    expect(failure('{{ required "name is required" .env }}')).toEqual(['error calling required: name is required', 3]);
    expect(failure('{{ required "name is required" .nope }}')).toEqual(['error calling required: name is required', 3]);
    expect(failure('x {{ fail "stop here" }}')).toEqual(['error calling fail: stop here', 5]);
    expect(failure('{{ lt 1 "a" }}')).toEqual(['error calling lt: incompatible types for comparison', 3]);
    expect(failure('{{ lt "a" 1 }}')).toEqual(['error calling lt: incompatible types for comparison', 3]);
    expect(failure('{{ required "need it" nil }}')).toEqual(['error calling required: need it', 3]);
    expect(failure('{{ index .list 4 }}')).toEqual(['error calling index: index out of range: 4', 3]);
    expect(failure('{{ index .name -1 }}')).toEqual(['error calling index: index out of range: -1', 3]);
    expect(failure('{{ index .nul 0 }}')).toEqual(['error calling index: index of untyped nil', 3]);
    expect(failure('{{ repeat -1 "ab" }}')).toEqual(['error calling repeat: Invalid count value: -1', 3]);
    expect(failure('{{ index .nope 1 }}')).toEqual(['error calling index: index of untyped nil', 3]);
    expect(failure('{{ index .n 1 }}')).toEqual(["error calling index: can't index item of type number", 3]);
    expect(failure('{{ index .name 7 }}')).toEqual(['error calling index: index out of range: 7', 3]);
    expect(failure('{{ index .list -1 }}')).toEqual(['error calling index: index out of range: -1', 3]);
    expect(renderGoTemplate('{{ index .map "a" }} {{ index .list 1 }} {{ index (dict "a" (list 5 6)) "a" 1 }} {{ index .list }} {{ index .name 1 }}', data)).toBe('1 a 6 [b a b ] 101');
  });
});
