/** Python values, methods, filters, tests and dbt's generic globals, as Jinja under dbt renders them. */
import { describe, expect, it } from 'vitest';
import { makeRender } from './render-helper.js';

const logs: { level: string; message: string }[] = [];
const { render: renderRaw } = makeRender({ logger: (e) => logs.push(e) });
const render = (source: string) => renderRaw(source, { x: 2 });

const CASES: [string, string][] = [
  // values and operators
  ["{{ 0.1 + 0.2 > 0.3 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 2 ** -1 }} {{ 1 / 4 }} {{ 3 * 'ab' }} {{ [0] * 3 }}", 'True 1 2 0.5 0.25 ababab [0, 0, 0]'],
  ["{{ [1] + [2] }} {{ 'a' + 'b' }} {{ (1, 2) }} {{ ('x',) }} {{ () }}", '[1, 2] ab (1, 2) (\'x\',) ()'],
  ['{{ [] or "empty" }} {{ {} or "none" }} {{ "" or 0 or "last" }} {{ 1 and 2 }} {{ not [] }}', 'empty none last 2 True'],
  ['{% if [] %}yes{% else %}no{% endif %} {% if {"a": 1} %}yes{% endif %} {{ "t" if 0.0 else "f" }}', 'no yes f'],
  ['{{ 1e3 }} {{ 1.5e-3 }} {{ 2E+2 }} {{ 12 }} {{ 0.5 }}', '1000.0 0.0015 200.0 12 0.5'],
  ['{{ 1 == 1.0 }} {{ [1, [2]] == [1, [2]] }} {{ {"a": 1} == {"a": 1} }} {{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }}', 'True True True True False'],
  ["{{ {'k': \"it's\"} }} {{ ['a\\nb'] }}", `{'k': "it's"} ['a\\nb']`],
  ["{{ '%(a)s-%(b)d' % {'a': 'x', 'b': 2} }} {{ '%.2f%%' % 12.345 }} {{ '%r' % 'q' }}", "x-2 12.35% 'q'"],
  ["{{ 'ab'[0] }}{{ 'abc'[-1] }} {{ [1,2,3,4][1:3] }} {{ [1,2,3,4][::2] }} {{ [1,2,3][-2:] }}", 'ac [2, 3] [1, 3] [2, 3]'],
  ['{{ {"a": {"b": 1}} }}', "{'a': {'b': 1}}"],
  // precedence as Jinja parses it
  ['{{ 5 * 3 // 2 }} {{ 2 + 3 * 4 }} {{ 10 - 2 - 3 }} {{ -2 | abs }} {{ (1 + 2) ~ 3 }} {{ 2 ** 3 ** 2 }}', '7 14 5 2 33 64'],
  ['{{ x is defined and x > 1 }} {{ not x is none }} {{ 1 if false else 2 if false else 3 }} {{ 3 is divisibleby 3 }}', 'True True 3 True'],
  ["{{ 'a' ~ 'b' | upper }} {{ [1, 2] | length + 1 }} {{ 'b' not in 'abc' }} {{ 1 < 2 == True }}", 'aB 3 False False'],
  // names that are Object.prototype members in JavaScript are nothing special in Jinja
  ["{{ constructor is defined }} {{ 'a'.constructor is defined }} {{ {}.toString is defined }}", 'False False False'],
  // methods
  ["{{ 'a-b-c'.split('-', 1) }} {{ 'x'.join(['1','2']) }} {{ 'Hi'.replace('i', 'o') }} {{ 'ab'.endswith(('b', 'c')) }} {{ 'A b'.title() }} {{ ' x '.lstrip() }}|", "['a', 'b-c'] 1x2 Ho True A B x |"],
  ["{% set d = {'a': 1} %}{% do d.update({'b': 2}) %}{{ d.keys() | list }} {{ d.values() | list }} {{ d.pop('a') }} {{ d }} {{ d.setdefault('c', 3) }}", "['a', 'b'] [1, 2] 1 {'b': 2} 3"],
  ['{% set l = [3] %}{% do l.extend([1, 2]) %}{% do l.insert(0, 9) %}{{ l }} {{ l.pop() }} {{ l.index(3) }} {{ l.count(9) }}', '[9, 3, 1, 2] 2 1 1'],
  ["{{ '{0}-{1}-{0}'.format('a', 'b') }} {{ '{x:>4}'.format(x=7) }} {{ '{:,}'.format(1234567) }}", 'a-b-a    7 1,234,567'],
  // filters
  ["{{ [{'n': 'b', 'v': 2}, {'n': 'a', 'v': 1}] | sort(attribute='n') | map(attribute='v') | list }}", '[1, 2]'],
  ["{{ [{'t': 'x'}, {'t': 'y'}, {'t': 'x'}] | groupby('t') | map(attribute='grouper') | join }}", 'xy'],
  ["{{ [1, 2, 3, 4, 5] | batch(2) | list }} {{ 'a,b' | replace(',', ';') }} {{ [1, 2] | reverse | list }} {{ 'abc' | length }}", '[[1, 2], [3, 4], [5]] a;b [2, 1] 3'],
  ["{{ ['x', 'y'] | map('upper') | join('+') }} {{ [1, none, 2] | reject('none') | list }} {{ [{'a': 1}, {'a': 2}] | rejectattr('a', 'equalto', 1) | list }}", "X+Y [1, 2] [{'a': 2}]"],
  ["{{ {'b': 1, 'a': 2} | dictsort }} {{ {'z': '<'} | tojson }} {{ [1, 2] | tojson }}", "[('a', 2), ('b', 1)] {\"z\": \"\\u003c\"} [1, 2]"],
  ['{{ 2.675 | round(2) }} {{ 3.5 | round }} {{ 2.1 | round(method="ceil") }} {{ 7 | round }} {{ -2.5 | abs }}', '2.67 4.0 3.0 7 2.5'],
  ["{{ 'a\\nb' | indent(2) }} {{ 'hello world foo' | truncate(9, leeway=0) }} {{ 'x' | center(5) }}|", 'a\n  b hello... \n  x  |'.replace('\n  x  |', '  x  |')],
  ["{{ 'True' | as_bool }} {{ '42' | as_number + 1 }} {{ '[1, 2]' | as_native }} {{ none | as_text }}|", 'True 43 [1, 2] |'],
  ['{{ undefined_var | d("dflt") }} {{ "" | default("e", true) }} {{ [3, 4] | first }}{{ [3, 4] | last }} {{ ["a"] | list | count }}', 'dflt e 34 1'],
  // tests
  ['{{ {} is mapping }} {{ "s" is iterable }} {{ 1 is iterable }} {{ 4 is divisibleby(2) }} {{ 3 is odd }} {{ 1.5 is float }} {{ 1 is integer }} {{ none is none }} {{ "A" is upper }}', 'True True False True True True True True True'],
  ['{{ y is callable }} {{ 1 is in([1]) }} {{ 2 is eq 2 }} {{ false is false }} {{ "b" is lt("c") }}', 'False True True True True'],
  // with
  ['{% set a = 1 %}{% with a = 2, b = a + 1 %}{{ a }}{{ b }}{% set c = 3 %}{% endwith %}{{ a }}{{ b }}{{ c }}', '221'],
  // loop
  ['{% for x in "ab" %}{{ loop.revindex }}{{ loop.cycle("o", "e") }}{{ loop.nextitem }}{{ loop.changed(x) }} {% endfor %}', '2obTrue 1eNoneTrue '.replace('None', '')],
  ['{% for k, v in {"a": 1, "b": 2}.items() %}{{ k }}={{ v }};{% endfor %}{% for a, b in [[1, 2]] %}{{ a + b }}{% endfor %}', 'a=1;b=2;3'],
  ['{% for i in range(5) %}{% if i is odd %}{% continue %}{% endif %}{{ i }}{% endfor %} {% for o in [1] %}{% for i in [2] %}{{ loop.depth }}{% endfor %}{% endfor %}', '024 1'],
  // globals
  ["{{ dict(a=1, b=2) }} {{ list('ab') }} {{ set([1, 1, 2]) | list }} {{ namespace(x=1).x }} {{ zip([1], [2], [3]) | list }}", "{'a': 1, 'b': 2} ['a', 'b'] [1, 2] 1 [(1, 2, 3)]"],
  ["{{ fromjson('{\"a\": [1, 2.5]}') }} {{ toyaml({'k': [1]}) | trim }} {{ tojson({'b': 1, 'a': 2}, sort_keys=true) }}", "{'a': [1, 2.5]} k:\n  - 1 {\"a\": 2, \"b\": 1}"],
  ["{{ modules.datetime.datetime(2024, 2, 28, 23, 0, 0) + modules.datetime.timedelta(hours=2) }} {{ modules.datetime.date(2024, 1, 31).isoformat() }} {{ modules.datetime.timedelta(days=1, seconds=5) }}", '2024-02-29 01:00:00 2024-01-31 1 day, 0:00:05'],
  ["{{ modules.datetime.datetime.strptime('2024-05-06', '%Y-%m-%d').strftime('%d/%m/%y %A') }} {{ modules.datetime.datetime(2020, 1, 1).isoformat() }}", '06/05/24 Monday 2020-01-01T00:00:00'],
  ["{{ modules.re.search('b+', 'abbc').group() }} {{ modules.re.findall('(\\\\w)(\\\\d)', 'a1 b2') }} {{ modules.re.compile('X', modules.re.I).match('xy') is not none }} {{ modules.re.sub('(?P<w>o)', '[\\\\g<w>]', 'foo', count=1) }}", "bb [('a', '1'), ('b', '2')] True f[o]o"],
  ["{{ diff_of_two_dicts({'key_x': ['value_1', 'VALUE_2'], 'KEY_Y': ['value_3']}, {'key_x': ['value_1'], 'key_z': ['value_4']}) }}", "{'key_x': ['VALUE_2'], 'KEY_Y': ['value_3']}"],
  ["{{ 'range' in context }} {{ 'x' in context }} {{ context['x'] }} {{ 'nope' in context }}", 'True True 2 False'],
  ["{{ local_md5('tsdbt') }}", '5be93fec93350c779179bf60069243ef'],
];

describe('Python semantics', () => {
  for (const [template, expected] of CASES) {
    it(JSON.stringify(template).slice(0, 110), () => {
      expect(render(template)).toBe(expected);
    });
  }
});

describe('logging globals', () => {
  it('log, print and exceptions.warn reach the logger and render nothing', () => {
    logs.length = 0;
    expect(render("a{{ log('dbg') }}{{ log('inf', info=true) }}{{ print('p') }}{{ exceptions.warn('w') }}b")).toBe('ab');
    expect(logs.map((l) => `${l.level}:${l.message}`)).toEqual(['debug:dbg', 'info:inf', 'print:p', 'warn:w']);
  });
});
