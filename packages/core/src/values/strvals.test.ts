import { describe, it, expect } from 'vitest';
import { MAX_INDEX, MAX_NESTED_NAME_LEVEL, parseSet, parseSetInto, SetParseError, typedVal, type SetKind } from './strvals';
import type { Value, ValueMap } from '../common';

/** The error parseSet throws, for asserting message and column. */
function errorOf(expression: string, kind: SetKind = 'set', into: ValueMap = {}, readFile?: (p: string) => string) {
  try {
    parseSetInto(expression, kind, into, readFile);
  } catch (err) {
    expect(err).toBeInstanceOf(SetParseError);
    const e = err as SetParseError;
    return { message: e.message, column: e.column };
  }
  throw new Error(`expected ${JSON.stringify(expression)} to fail`);
}

type Row = { str: string; expect?: ValueMap; err?: string; column?: number };

function runTable(kind: SetKind, rows: Row[]) {
  it.each(rows)('$str', ({ str, expect: want, err, column }) => {
    if (err === undefined) {
      expect(parseSet(str, kind)).toEqual(want);
    } else {
      const got = errorOf(str, kind);
      expect(got.message).toBe(err);
      if (column !== undefined) expect(got.column).toBe(column);
    }
  });
}

const nested = (levels: number) =>
  Array.from({ length: levels }, (_, i) => `name${i + 1}`).join('.');

// Helm v3.21.4 pkg/strvals/parser_test.go TestParseSet, testsString (ParseString).
// Helm's error rows only assert that an error happens; the messages are what its parser returns.
describe('set-string (Helm parser_test.go TestParseSet testsString)', () => {
  runTable('set-string', [
    { str: 'long_int_string=1234567890', expect: { long_int_string: '1234567890' } },
    { str: 'boolean=true', expect: { boolean: 'true' } },
    { str: 'is_null=null', expect: { is_null: 'null' } },
    { str: 'zero=0', expect: { zero: '0' } },
  ]);
});

// Helm v3.21.4 pkg/strvals/parser_test.go TestParseSet, tests (Parse).
describe('set (Helm parser_test.go TestParseSet)', () => {
  runTable('set', [
    { str: 'name1=null,f=false,t=true', expect: { name1: null, f: false, t: true } },
    { str: 'name1=value1', expect: { name1: 'value1' } },
    { str: 'name1=value1,name2=value2', expect: { name1: 'value1', name2: 'value2' } },
    { str: 'name1=value1,name2=value2,', expect: { name1: 'value1', name2: 'value2' } },
    { str: 'name1=value1,,,,name2=value2,', err: 'key "" has no value (cannot end with ,)', column: 13 },
    { str: 'name1=,name2=value2', expect: { name1: '', name2: 'value2' } },
    { str: 'leading_zeros=00009', expect: { leading_zeros: '00009' } },
    { str: 'zero_int=0', expect: { zero_int: 0 } },
    { str: 'long_int=1234567890', expect: { long_int: 1234567890 } },
    { str: 'boolean=true', expect: { boolean: true } },
    { str: 'is_null=null', expect: { is_null: null } },
    { str: 'name1,name2=', err: 'key "name1" has no value (cannot end with ,)', column: 5 },
    { str: 'name1,name2=value2', err: 'key "name1" has no value (cannot end with ,)', column: 5 },
    { str: 'name1,name2=value2\\', err: 'key "name1" has no value (cannot end with ,)', column: 5 },
    { str: 'name1,name2', err: 'key "name1" has no value (cannot end with ,)', column: 5 },
    { str: 'name1=one\\,two,name2=three\\,four', expect: { name1: 'one,two', name2: 'three,four' } },
    { str: 'name1=one\\=two,name2=three\\=four', expect: { name1: 'one=two', name2: 'three=four' } },
    { str: 'name1=one two three,name2=three two one', expect: { name1: 'one two three', name2: 'three two one' } },
    { str: 'outer.inner=value', expect: { outer: { inner: 'value' } } },
    { str: 'outer.middle.inner=value', expect: { outer: { middle: { inner: 'value' } } } },
    { str: 'outer.inner1=value,outer.inner2=value2', expect: { outer: { inner1: 'value', inner2: 'value2' } } },
    {
      str: 'outer.inner1=value,outer.middle.inner=value',
      expect: { outer: { inner1: 'value', middle: { inner: 'value' } } },
    },
    { str: 'name1.name2', err: 'key "name2" has no value', column: 11 },
    { str: 'name1.name2,name1.name3', err: 'key "name2" has no value (cannot end with ,)', column: 11 },
    { str: 'name1.name2=', expect: { name1: { name2: '' } } },
    { str: 'name1.=name2', err: 'key map "name1" has no value', column: 0 },
    { str: 'name1.,name2', err: 'key "" has no value (cannot end with ,)', column: 6 },
    { str: 'name1={value1,value2}', expect: { name1: ['value1', 'value2'] } },
    {
      str: 'name1={value1,value2},name2={value1,value2}',
      expect: { name1: ['value1', 'value2'], name2: ['value1', 'value2'] },
    },
    { str: 'name1={1021,902}', expect: { name1: [1021, 902] } },
    { str: 'name1.name2={value1,value2}', expect: { name1: { name2: ['value1', 'value2'] } } },
    { str: 'name1={1021,902', err: "list must terminate with '}'", column: 15 },
    // List support
    { str: 'list[0]=foo', expect: { list: ['foo'] } },
    { str: 'list[0].foo=bar', expect: { list: [{ foo: 'bar' }] } },
    { str: 'list[0].foo=bar,list[0].hello=world', expect: { list: [{ foo: 'bar', hello: 'world' }] } },
    { str: 'list[0].foo=bar,list[-30].hello=world', err: 'negative -30 index not allowed', column: 21 },
    { str: 'list[0]=foo,list[1]=bar', expect: { list: ['foo', 'bar'] } },
    { str: 'list[0]=foo,list[1]=bar,', expect: { list: ['foo', 'bar'] } },
    { str: 'list[0]=foo,list[3]=bar', expect: { list: ['foo', null, null, 'bar'] } },
    { str: 'list[0]=foo,list[-20]=bar', err: 'negative -20 index not allowed', column: 17 },
    { str: 'illegal[0]name.foo=bar', err: 'unexpected data at end of array index: "name"', column: 10 },
    { str: 'noval[0]', expect: { noval: [] } },
    { str: 'noval[0]=', expect: { noval: [''] } },
    { str: 'nested[0][0]=1', expect: { nested: [[1]] } },
    { str: 'nested[1][1]=1', expect: { nested: [null, [null, 1]] } },
    {
      str: 'name1.name2[0].foo=bar,name1.name2[1].foo=bar',
      expect: { name1: { name2: [{ foo: 'bar' }, { foo: 'bar' }] } },
    },
    {
      str: 'name1.name2[1].foo=bar,name1.name2[0].foo=bar',
      expect: { name1: { name2: [{ foo: 'bar' }, { foo: 'bar' }] } },
    },
    { str: 'name1.name2[1].foo=bar', expect: { name1: { name2: [null, { foo: 'bar' }] } } },
    {
      str: ']={}].',
      err: 'unable to parse key: interface conversion: interface {} is []interface {}, not map[string]interface {}',
      column: 4,
    },
  ]);
});

// Helm v3.21.4 pkg/strvals/parser_test.go TestParseInto (two ParseInto calls on one map).
describe('set into existing values (Helm parser_test.go TestParseInto)', () => {
  const cases: { input: string; input2?: string; got: ValueMap; expect: ValueMap }[] = [
    {
      input: 'outer.inner1=value1,outer.inner3=value3,outer.inner4=4',
      got: { outer: { inner1: 'overwrite', inner2: 'value2' } },
      expect: { outer: { inner1: 'value1', inner2: 'value2', inner3: 'value3', inner4: 4 } },
    },
    {
      input: 'listOuter[0][0].type=listValue',
      input2: 'listOuter[0][0].status=alive',
      got: {},
      expect: { listOuter: [[{ type: 'listValue', status: 'alive' }]] },
    },
    {
      input: 'listOuter[0][0].type=listValue',
      input2: 'listOuter[1][0].status=alive',
      got: {},
      expect: { listOuter: [[{ type: 'listValue' }], [{ status: 'alive' }]] },
    },
    {
      input: 'listOuter[0][1][0].type=listValue',
      input2: 'listOuter[0][0][1].status=alive',
      got: { listOuter: [[[{ exited: 'old' }]]] },
      expect: { listOuter: [[[{ exited: 'old' }, { status: 'alive' }], [{ type: 'listValue' }]]] },
    },
  ];
  it.each(cases)('$input then $input2', ({ input, input2, got, expect: want }) => {
    parseSetInto(input, 'set', got);
    if (input2) parseSetInto(input2, 'set', got);
    expect(got).toEqual(want);
  });
});

// Helm v3.21.4 pkg/strvals/parser_test.go TestParseIntoString.
describe('set-string into existing values (Helm parser_test.go TestParseIntoString)', () => {
  it('forces strings and keeps siblings', () => {
    const got: ValueMap = { outer: { inner1: 'overwrite', inner2: 'value2' } };
    parseSetInto('outer.inner1=1,outer.inner3=3', 'set-string', got);
    expect(got).toEqual({ outer: { inner1: '1', inner2: 'value2', inner3: '3' } });
  });
});

// Helm v3.21.4 pkg/strvals/parser_test.go TestParseJSON.
describe('set-json (Helm parser_test.go TestParseJSON)', () => {
  const cases: { name: string; input: string; got: ValueMap; expect?: ValueMap; err?: string }[] = [
    {
      name: 'set json scalars values, and replace one existing key',
      input: 'outer.inner1="1",outer.inner3=3,outer.inner4=true,outer.inner5="true"',
      got: { outer: { inner1: 'overwrite', inner2: 'value2' } },
      expect: { outer: { inner1: '1', inner2: 'value2', inner3: 3, inner4: true, inner5: 'true' } },
    },
    {
      name: 'set json objects and arrays, and replace one existing key',
      input:
        'outer.inner1={"a":"1","b":2,"c":[1,2,3]},outer.inner3=["new value 1","new value 2"],outer.inner4={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner5=[{"A":"1","B":2,"C":[1,2,3]}]',
      got: { outer: { inner1: { x: 'overwrite' }, inner2: 'value2', inner3: ['overwrite'] } },
      expect: {
        outer: {
          inner1: { a: '1', b: 2, c: [1, 2, 3] },
          inner2: 'value2',
          inner3: ['new value 1', 'new value 2'],
          inner4: { aa: '1', bb: 2, cc: [1, 2, 3] },
          inner5: [{ A: '1', B: 2, C: [1, 2, 3] }],
        },
      },
    },
    {
      name: 'null assignment, and no value assigned (equivalent to null)',
      input: 'outer.inner1=,outer.inner3={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner3.cc[1]=null',
      got: { outer: { inner1: { x: 'overwrite' }, inner2: 'value2' } },
      expect: { outer: { inner1: null, inner2: 'value2', inner3: { aa: '1', bb: 2, cc: [1, null, 3] } } },
    },
    {
      name: 'syntax error',
      input:
        'outer.inner1={"a":"1","b":2,"c":[1,2,3]},outer.inner3=["new value 1","new value 2"],outer.inner4={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner5={"A":"1","B":2,"C":[1,2,3]}]',
      got: {},
      err: 'key "]" has no value',
    },
  ];
  it.each(cases)('$name', ({ input, got, expect: want, err }) => {
    if (err === undefined) {
      parseSetInto(input, 'set-json', got);
      expect(got).toEqual(want);
    } else {
      expect(errorOf(input, 'set-json', got).message).toBe(err);
    }
  });
});

// Helm v3.21.4 pkg/strvals/parser_test.go TestParseFile and TestParseIntoFile.
describe('set-file (Helm parser_test.go TestParseFile, TestParseIntoFile)', () => {
  const rs2v = (path: string) => {
    expect(path).toBe('path1');
    return 'value1';
  };
  it('ParseFile: the value is the file contents', () => {
    expect(parseSet('name1=path1', 'set-file', rs2v)).toEqual({ name1: 'value1' });
  });
  it('ParseIntoFile: merges into the given map', () => {
    const got: ValueMap = {};
    parseSetInto('name1=path1', 'set-file', got, rs2v);
    expect(got).toEqual({ name1: 'value1' });
  });
});

// Helm v3.21.4 pkg/strvals/parser_test.go TestParseSetNestedLevels, and
// literal_parser_test.go TestParseLiteralNestedLevels (same table through ParseLiteral).
describe('nesting limit (Helm TestParseSetNestedLevels, TestParseLiteralNestedLevels)', () => {
  const tooDeep = nested(MAX_NESTED_NAME_LEVEL + 2); // 31 dots
  const message = `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`;
  it.each(['set', 'set-literal'] as SetKind[])('%s', (kind) => {
    expect(parseSet('outer.middle.inner=value', kind)).toEqual({ outer: { middle: { inner: 'value' } } });
    const got = errorOf(`${tooDeep}=value`, kind);
    expect(got.message).toBe(message);
    expect(got.column).toBe(tooDeep.lastIndexOf('.'));
    // 30 dots are still fine
    const deepest = parseSet(`${nested(MAX_NESTED_NAME_LEVEL + 1)}=v`, kind);
    let cur: Value = deepest;
    for (let i = 1; i <= MAX_NESTED_NAME_LEVEL; i++) cur = (cur as ValueMap)[`name${i}`];
    expect(cur).toEqual({ [`name${MAX_NESTED_NAME_LEVEL + 1}`]: 'v' });
  });
});

// Helm v3.21.4 pkg/strvals/parser_test.go TestSetIndex, through expressions (setIndex is internal).
describe('list index limits (Helm parser_test.go TestSetIndex)', () => {
  const rows: { name: string; initial: Value[]; expect: Value[]; add: number; val: number; err?: string }[] = [
    { name: 'short', initial: [0, 1], expect: [0, 1, 2], add: 2, val: 2 },
    { name: 'equal', initial: [0, 1], expect: [0, 2], add: 1, val: 2 },
    { name: 'long', initial: [0, 1, 2, 3, 4, 5], expect: [0, 1, 2, 4, 4, 5], add: 3, val: 4 },
    { name: 'negative', initial: [0, 1, 2, 3, 4, 5], expect: [0, 1, 2, 3, 4, 5], add: -1, val: 4, err: 'negative -1 index not allowed' },
    {
      name: 'large',
      initial: [0, 1, 2, 3, 4, 5],
      expect: [0, 1, 2, 3, 4, 5],
      add: MAX_INDEX + 1,
      val: 4,
      err: `index of ${MAX_INDEX + 1} is greater than maximum supported index of ${MAX_INDEX}`,
    },
  ];
  it.each(rows)('$name', ({ initial, expect: want, add, val, err }) => {
    const data: ValueMap = { list: [...initial] };
    const expr = `list[${add}]=${val}`;
    if (err) expect(errorOf(expr, 'set', data)).toEqual({ message: err, column: 5 });
    else parseSetInto(expr, 'set', data);
    expect(data.list).toEqual(want);
  });

  it('allows index MaxIndex itself and pads with nulls', () => {
    const list = parseSet(`l[${MAX_INDEX}]=x`, 'set').l as Value[];
    expect(list).toHaveLength(MAX_INDEX + 1);
    expect(list[MAX_INDEX]).toBe('x');
    expect(list[0]).toBeNull();
  });

  it.each([
    ['l[65537].a=b', 'index of 65537 is greater than maximum supported index of 65536', 2],
    ['l[0][65537]=b', 'index of 65537 is greater than maximum supported index of 65536', 5],
    ['l[9223372036854775807]=b', 'index of 9223372036854775807 is greater than maximum supported index of 65536', 2],
    ['l[-0009]=b', 'negative -9 index not allowed', 2],
    ['l[x]=b', 'error parsing index: strconv.Atoi: parsing "x": invalid syntax', 2],
    ['l[]=b', 'error parsing index: strconv.Atoi: parsing "": invalid syntax', 2],
    ['l[ 1]=b', 'error parsing index: strconv.Atoi: parsing " 1": invalid syntax', 2],
    ['l[9223372036854775808]=b', 'error parsing index: strconv.Atoi: parsing "9223372036854775808": value out of range', 2],
    ['l[99999999999999999999x]=b', 'error parsing index: strconv.Atoi: parsing "99999999999999999999x": value out of range', 2],
    // Helm 3 reports an unterminated index; Helm 4 silently stops parsing there.
    ['l[1', 'error parsing index: EOF', 3],
    ['l[0][1', 'error parsing index: EOF', 6],
  ] as [string, string, number][])('%s → %s', (expr, message, column) => {
    expect(errorOf(expr)).toEqual({ message, column });
  });

  it('accepts a signed index the way strconv.Atoi does', () => {
    expect(parseSet('l[+1]=b', 'set')).toEqual({ l: [null, 'b'] });
  });
});

// Helm v3.21.4 pkg/strvals/literal_parser_test.go TestParseLiteral.
describe('set-literal (Helm literal_parser_test.go TestParseLiteral)', () => {
  runTable('set-literal', [
    { str: 'name', err: 'key "name" has no value', column: 4 },
    { str: 'name=', expect: { name: '' } },
    { str: 'name=value', expect: { name: 'value' } },
    { str: 'long_int_string=1234567890', expect: { long_int_string: '1234567890' } },
    { str: 'boolean=true', expect: { boolean: 'true' } },
    { str: 'is_null=null', expect: { is_null: 'null' } },
    { str: 'zero=0', expect: { zero: '0' } },
    { str: 'name1=null,name2=value2', expect: { name1: 'null,name2=value2' } },
    { str: 'name1=value,,,tail', expect: { name1: 'value,,,tail' } },
    { str: 'leading_zeros=00009', expect: { leading_zeros: '00009' } },
    { str: 'name=one two three', expect: { name: 'one two three' } },
    { str: 'outer.inner=value', expect: { outer: { inner: 'value' } } },
    { str: 'outer.middle.inner=value', expect: { outer: { middle: { inner: 'value' } } } },
    { str: 'name1.name2', err: 'key "name2" has no value', column: 11 },
    { str: 'name1.name2=', expect: { name1: { name2: '' } } },
    { str: 'name1.=name2', err: 'key map "name1" has no value', column: 0 },
    { str: 'name1.,name2', err: 'key ",name2" has no value', column: 12 },
    { str: 'name1={value1,value2}', expect: { name1: '{value1,value2}' } },
    // List support
    { str: 'list[0]=foo', expect: { list: ['foo'] } },
    { str: 'list[0].foo=bar', expect: { list: [{ foo: 'bar' }] } },
    { str: 'list[-30].hello=world', err: 'negative -30 index not allowed', column: 5 },
    { str: 'list[3]=bar', expect: { list: [null, null, null, 'bar'] } },
    { str: 'illegal[0]name.foo=bar', err: 'unexpected data at end of array index: "name"', column: 10 },
    { str: 'noval[0]', expect: { noval: [] } },
    { str: 'noval[0]=', expect: { noval: [''] } },
    { str: 'nested[0][0]=1', expect: { nested: [['1']] } },
    { str: 'nested[1][1]=1', expect: { nested: [null, [null, '1']] } },
    { str: 'name1.name2[0].foo=bar', expect: { name1: { name2: [{ foo: 'bar' }] } } },
    { str: 'name1.name2[1].foo=bar', expect: { name1: { name2: [null, { foo: 'bar' }] } } },
    { str: ']={}].', expect: { ']': '{}].' } },
    // issue test cases: , = $ ( ) { } . \ \\
    { str: 'name=val,val', expect: { name: 'val,val' } },
    { str: 'name=val.val', expect: { name: 'val.val' } },
    { str: 'name=val=val', expect: { name: 'val=val' } },
    { str: 'name=val$val', expect: { name: 'val$val' } },
    { str: 'name=(value', expect: { name: '(value' } },
    { str: 'name=value)', expect: { name: 'value)' } },
    { str: 'name=(value)', expect: { name: '(value)' } },
    { str: 'name={value', expect: { name: '{value' } },
    { str: 'name=value}', expect: { name: 'value}' } },
    { str: 'name={value}', expect: { name: '{value}' } },
    { str: 'name={value1,value2}', expect: { name: '{value1,value2}' } },
    { str: 'name=val\\val', expect: { name: 'val\\val' } },
    { str: 'name=val\\\\val', expect: { name: 'val\\\\val' } },
    { str: 'name=val\\\\\\val', expect: { name: 'val\\\\\\val' } },
    { str: 'name={val,.?*v\\0a!l)some', expect: { name: '{val,.?*v\\0a!l)some' } },
    {
      str: 'name=em%GT)tqUDqz,i-\\h+Mbqs-!:.m\\\\rE=mkbM#rR}@{-k@',
      expect: { name: 'em%GT)tqUDqz,i-\\h+Mbqs-!:.m\\\\rE=mkbM#rR}@{-k@' },
    },
  ]);
});

// Helm v3.21.4 pkg/strvals/literal_parser_test.go TestParseLiteralInto.
describe('set-literal into existing values (Helm literal_parser_test.go TestParseLiteralInto)', () => {
  const cases: { input: string; input2?: string; got: ValueMap; expect: ValueMap }[] = [
    {
      input: 'outer.inner1=value1,outer.inner3=value3,outer.inner4=4',
      got: { outer: { inner1: 'overwrite', inner2: 'value2' } },
      expect: { outer: { inner1: 'value1,outer.inner3=value3,outer.inner4=4', inner2: 'value2' } },
    },
    {
      input: 'listOuter[0][0].type=listValue',
      input2: 'listOuter[0][0].status=alive',
      got: {},
      expect: { listOuter: [[{ type: 'listValue', status: 'alive' }]] },
    },
    {
      input: 'listOuter[0][0].type=listValue',
      input2: 'listOuter[1][0].status=alive',
      got: {},
      expect: { listOuter: [[{ type: 'listValue' }], [{ status: 'alive' }]] },
    },
    {
      input: 'listOuter[0][1][0].type=listValue',
      input2: 'listOuter[0][0][1].status=alive',
      got: { listOuter: [[[{ exited: 'old' }]]] },
      expect: { listOuter: [[[{ exited: 'old' }, { status: 'alive' }], [{ type: 'listValue' }]]] },
    },
  ];
  it.each(cases)('$input then $input2', ({ input, input2, got, expect: want }) => {
    parseSetInto(input, 'set-literal', got);
    if (input2) parseSetInto(input2, 'set-literal', got);
    expect(got).toEqual(want);
  });
});

// typedVal, read off Helm's parser.go (no Helm table covers these directly).
describe('typedVal (Helm parser.go typedVal)', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['False', false],
    ['falſe', false], // Go's EqualFold folds ſ (U+017F) to s
    ['NULL', null],
    ['Null', null],
    ['0', 0],
    ['-0', 0],
    ['+0', 0],
    ['00', '00'],
    ['0x10', '0x10'],
    ['012', '012'],
    ['12', 12],
    ['-12', -12],
    ['+12', 12],
    ['-012', -12], // only a leading '0' blocks the int parse
    ['1.5', '1.5'], // floats stay strings
    ['1e3', '1e3'],
    ['1_000', '1_000'],
    [' 1', ' 1'],
    ['', ''],
    ['yes', 'yes'], // YAML 1.1 booleans are not Helm's
    ['~', '~'],
    ['9007199254740991', 9007199254740991], // 2^53 - 1: still exact as a JS number
    // Beyond 2^53 Helm's int64 digits would not survive a JS number: kept as Helm's digits.
    ['9007199254740993', '9007199254740993'],
    ['+9223372036854775807', '9223372036854775807'],
    ['-9223372036854775808', '-9223372036854775808'],
    ['9223372036854775808', '9223372036854775808'], // out of int64: Helm keeps the string
  ] as [string, Value][])('%j → %j', (text, want) => {
    expect(typedVal(text)).toEqual(want);
    expect(parseSet(`k=${text.replace(/([,=.[\\{])/g, '\\$1')}`, 'set').k).toEqual(want);
  });

  it('types list elements too', () => {
    expect(parseSet('a={true,0,01,x,null}', 'set')).toEqual({ a: [true, 0, '01', 'x', null] });
    expect(parseSet('a={}', 'set')).toEqual({ a: [''] }); // Helm's well-known quirk
  });
});

// Further behaviour read off Helm's parser.go, beyond Helm's own tables.
describe('strvals details (Helm parser.go)', () => {
  it.each([
    ['escaped dot in a key', 'a\\.b=c', { 'a.b': 'c' }],
    ['escaped bracket in a key', 'a\\[0]=c', { 'a[0]': 'c' }],
    ['escaped backslash', 'a=b\\\\c', { a: 'b\\c' }],
    ['a trailing backslash is dropped', 'a=b\\', { a: 'b' }],
    ['escapes inside lists', 'a={x\\,y,z}', { a: ['x,y', 'z'] }],
    ['a list followed by more pairs', 'a={1},b=2', { a: [1], b: 2 }],
    ['later pairs override earlier ones', 'a=1,a=2', { a: 2 }],
    ['a value can hold = unescaped', 'a=b=c', { a: 'b=c' }],
    ['a dot after an index path', 'a[0].b[1].c=d', { a: [{ b: [null, { c: 'd' }] }] }],
    ['an empty key is ignored', '=x', {}],
    ['a bare index is ignored', '[0]=x', {}],
    ['a trailing dot sets nothing', 'a.', {}],
    ['a nested index without a value leaves the outer list empty', 'n[0][0]', { n: [] }],
    ['an index then a trailing dot leaves the list empty', 'n[0].', { n: [] }],
    ['unicode keys and values', 'ключ=значение', { ключ: 'значение' }],
  ] as [string, string, ValueMap][])('%s', (_name, expr, want) => {
    expect(parseSet(expr, 'set')).toEqual(want);
  });

  // Existing values as -f files give them (Helm has float64 for every YAML number).
  it.each([
    [{ a: 1 }, 'a.b=2', 'unable to parse key: interface conversion: interface {} is float64, not map[string]interface {}', 0],
    [{ a: 'x' }, 'a[0]=2', 'unable to parse key: interface conversion: interface {} is string, not []interface {}', 0],
    [{ a: null }, 'a.b=2', 'unable to parse key: interface conversion: interface {} is nil, not map[string]interface {}', 0],
    [{ a: null }, 'a[0]=2', 'unable to parse key: interface conversion: interface {} is nil, not []interface {}', 0],
    [{ a: { b: 1 } }, 'a[0]=2', 'unable to parse key: interface conversion: interface {} is map[string]interface {}, not []interface {}', 0],
    [{ a: [true] }, 'a[0][1]=2', 'unable to parse key: interface conversion: interface {} is bool, not []interface {}', 2],
    [{ x: { y: 'z' } }, 'q=1,x.y.z=2', 'unable to parse key: interface conversion: interface {} is string, not map[string]interface {}', 6],
  ] as [ValueMap, string, string, number][])('type conflict: %j then %s', (data, expr, message, column) => {
    expect(errorOf(expr, 'set', data)).toEqual({ message, column });
  });

  it('replaces a non-map list element when a key follows the index (Helm: indices out of order)', () => {
    const data: ValueMap = { a: ['x'] };
    parseSetInto('a[0].b=1', 'set', data);
    expect(data).toEqual({ a: [{ b: 1 }] });
  });

  it('reports where the problem is', () => {
    expect(errorOf('a=1,b')).toEqual({ message: 'key "b" has no value', column: 5 });
    expect(errorOf('a=1,b,c=2')).toEqual({ message: 'key "b" has no value (cannot end with ,)', column: 5 });
    expect(errorOf('a=1,b={x')).toEqual({ message: "list must terminate with '}'", column: 8 });
    expect(errorOf('a={x}y')).toEqual({ message: 'key "y" has no value', column: 6 });
    expect(errorOf('tab\tkey')).toEqual({ message: 'key "tab\\tkey" has no value', column: 7 });
  });

  it('treats __proto__ as an ordinary key and pollutes nothing', () => {
    const out = parseSet('__proto__.polluted=yes,a.__proto__=1', 'set');
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(Object.getOwnPropertyDescriptor(out.a, '__proto__')?.value).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('set-string keeps everything a string, lists included', () => {
    expect(parseSet('a=true,b={1,null},c=', 'set-string')).toEqual({ a: 'true', b: ['1', 'null'], c: '' });
  });
});

describe('set-file details (Helm parser.go with options.go reader)', () => {
  const files: Record<string, string> = { 'a.txt': 'A\nline 2\n', 'b.txt': 'B' };
  const readFile = (p: string) => {
    if (!(p in files)) throw new Error(`open ${p}: no such file or directory`);
    return files[p];
  };

  it('reads each file verbatim, list elements too, and never types the contents', () => {
    expect(parseSet('x=a.txt,y={a.txt,b.txt},z[1]=b.txt', 'set-file', readFile)).toEqual({
      x: 'A\nline 2\n',
      y: ['A\nline 2\n', 'B'],
      z: [null, 'B'],
    });
    expect(parseSet('n=t', 'set-file', () => 'true')).toEqual({ n: 'true' });
  });

  it('an empty value at the end reads no file', () => {
    expect(parseSet('x=', 'set-file', readFile)).toEqual({ x: '' });
  });

  it('turns a read failure into a SetParseError at the path', () => {
    const err = errorOf('x=a.txt,y=missing.txt', 'set-file', {}, readFile);
    expect(err).toEqual({ message: 'open missing.txt: no such file or directory', column: 10 });
  });

  it('needs readFile', () => {
    expect(() => parseSet('x=a', 'set-file')).toThrow(TypeError);
  });
});

// --set-json details read off parser.go (json.Decoder on the rest of the line) and Go's
// encoding/json scanner messages.
describe('set-json details (Helm parser.go + Go encoding/json)', () => {
  it.each([
    ['a=1,b=2', { a: 1, b: 2 }],
    ['a=1.5e3', { a: 1500 }],
    ['a= "x" ,b=  ', { a: 'x', b: null }],
    ['a=', { a: null }],
    ['a=null', { a: null }],
    ['a="\\u00e9\\ud83d\\ude00\\n"', { a: 'é😀\n' }],
    ['a="\\ud800x"', { a: '\ufffdx' }], // a lone surrogate escape becomes U+FFFD, as in Go
    ['a={"":1,"k":{"__proto__":2}}', { a: { '': 1, k: JSON.parse('{"__proto__":2}') } }],
    ['a=[1,{"b":[]}],c="d"', { a: [1, { b: [] }], c: 'd' }],
    ['l[2]={"x":1}', { l: [null, null, { x: 1 }] }],
    ['a={"b":1}', { a: { b: 1 } }],
    ['a=truex', null], // decodes true, then "x" is a key without a value
  ] as [string, ValueMap | null][])('%s', (expr, want) => {
    if (want) expect(parseSet(expr, 'set-json')).toEqual(want);
    else expect(errorOf(expr, 'set-json')).toEqual({ message: 'key "x" has no value', column: 7 });
  });

  it('does not merge a JSON object into an existing map: it replaces it', () => {
    const data: ValueMap = { a: { keep: 1 } };
    parseSetInto('a={"b":2}', 'set-json', data);
    expect(data).toEqual({ a: { b: 2 } });
  });

  it.each([
    ['a={"b":1', 'unexpected EOF', 8],
    ['a=[1,]', "invalid character ']' looking for beginning of value", 5],
    ['a={1:2}', "invalid character '1' looking for beginning of object key string", 3],
    ['a={"b" 2}', "invalid character '2' after object key", 7],
    ['a={"b":2 "c":3}', 'invalid character \'"\' after object key:value pair', 9],
    ['a=[1 2]', "invalid character '2' after array element", 5],
    ['a=tru', 'unexpected EOF', 5],
    ['a=trux', "invalid character 'x' in literal true (expecting 'e')", 5],
    ['a=nul1', "invalid character '1' in literal null (expecting 'l')", 5],
    ['a=-x', "invalid character 'x' in numeric literal", 3],
    ['a=1.x', "invalid character 'x' after decimal point in numeric literal", 4],
    ['a=1ex', "invalid character 'x' in exponent of numeric literal", 4],
    ['a="x\\q"', "invalid character 'q' in string escape code", 5],
    ['a="\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape", 7],
    ['a="x\ny"', "invalid character '\\n' in string literal", 4],
    ["a='x'", "invalid character '\\'' looking for beginning of value", 2],
    ['a=é', "invalid character 'Ã' looking for beginning of value", 2],
    ['a=1e400', 'json: cannot unmarshal number 1e400 into Go value of type float64', 2],
  ] as [string, string, number][])('%s → %s', (expr, message, column) => {
    expect(errorOf(expr, 'set-json')).toEqual({ message, column });
  });

  it('accepts nesting up to Go’s limit of 10000 and rejects one more', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    let v: Value = parseSet(`a=${deep(10000)}`, 'set-json').a;
    let depth = 0;
    while (Array.isArray(v)) [v, depth] = [v[0], depth + 1];
    expect(depth).toBe(10000);
    expect(errorOf(`a=${deep(10001)}`, 'set-json')).toEqual({
      message: "invalid character '[' exceeded max depth",
      column: 10002,
    });
    expect(errorOf(`a=${'{"k":'.repeat(10000)}{}`, 'set-json').message).toBe("invalid character '{' exceeded max depth");
  });
});
