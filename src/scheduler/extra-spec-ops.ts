/**
 * Cinder's extra-spec operator language (cinder/scheduler/filters/extra_specs_ops.py).
 *
 * A volume type's extra-spec value is either a plain value, compared for equality with the
 * whole string, or `<op> operand...` split on whitespace. Anything that cannot be evaluated
 * (a non-numeric operand to a numeric operator, an unknown boolean word) is "no match":
 * a typo in a volume type must make a backend ineligible, never crash the scheduler.
 */

type Operator = (capability: unknown, operands: readonly string[]) => boolean;

/** Decimal floats only, like Python's float(): Number() would also take '', '0x1f' and ' '. */
const DECIMAL_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** oslo's bool_from_string words; anything else is unparseable rather than silently False. */
const TRUE_WORDS = new Set(['1', 't', 'true', 'on', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'f', 'false', 'off', 'n', 'no']);

function parseNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return DECIMAL_PATTERN.test(trimmed) ? Number(trimmed) : undefined;
}

function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** How a capability reads in string comparisons; booleans as Python prints them so `s== True` works. */
export function capabilityText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return undefined;
}

/** Plain-value equality, natural per type: Cinder's `value == req` would never match True to 'True'. */
function equalsPlain(capability: unknown, requirement: string): boolean {
  if (typeof capability === 'string') return capability === requirement;
  if (typeof capability === 'number') return parseNumber(requirement) === capability;
  if (typeof capability === 'boolean') {
    const word = requirement.trim().toLowerCase();
    return (word === 'true' && capability) || (word === 'false' && !capability);
  }
  return false;
}

function numeric(compare: (capability: number, operand: number) => boolean): Operator {
  return (capability, [operand]) => {
    const left = parseNumber(capability);
    const right = parseNumber(operand);
    return left !== undefined && right !== undefined && compare(left, right);
  };
}

function textual(compare: (capability: string, operand: string) => boolean): Operator {
  return (capability, [operand]) => {
    const left = capabilityText(capability);
    return left !== undefined && operand !== undefined && compare(left, operand);
  };
}

/** Substring for scalars; lists are handled as membership before an operator sees them. */
function contains(capability: unknown, needle: string): boolean {
  const text = capabilityText(capability);
  return text !== undefined && text.includes(needle);
}

function isBoolean(capability: unknown, [operand]: readonly string[]): boolean {
  const wanted = parseBoolean(operand);
  const actual = parseBoolean(capability);
  return wanted !== undefined && actual !== undefined && wanted === actual;
}

/**
 * A Map, not an object literal, so a plain requirement such as 'constructor' is not mistaken
 * for an operator. Cinder has no numeric '<' or '>': those read as plain values.
 */
const OPERATORS: ReadonlyMap<string, Operator> = new Map<string, Operator>([
  // Cinder's quirk: '=' means "at least", so `= 4` asks for a backend with 4 or more.
  ['=', numeric((capability, operand) => capability >= operand)],
  ['==', numeric((capability, operand) => capability === operand)],
  ['!=', numeric((capability, operand) => capability !== operand)],
  ['>=', numeric((capability, operand) => capability >= operand)],
  ['<=', numeric((capability, operand) => capability <= operand)],
  ['s==', textual((capability, operand) => capability === operand)],
  ['s!=', textual((capability, operand) => capability !== operand)],
  ['s<', textual((capability, operand) => capability < operand)],
  ['s<=', textual((capability, operand) => capability <= operand)],
  ['s>', textual((capability, operand) => capability > operand)],
  ['s>=', textual((capability, operand) => capability >= operand)],
  // Like Cinder, `<in>` looks at the first operand only.
  ['<in>', (capability, [needle]) => needle !== undefined && contains(capability, needle)],
  ['<all-in>', (capability, needles) => needles.length > 0 && needles.every((n) => contains(capability, n))],
  ['<is>', isBoolean],
]);

/** `<or> a <or> b`: Cinder takes every other word as a candidate without checking the separators. */
function anyOf(capability: unknown, operands: readonly string[]): boolean {
  const candidates = operands.filter((_, index) => index % 2 === 0);
  return candidates.some((candidate) => equalsPlain(capability, candidate));
}

function listMembership(list: readonly unknown[], operator: string, operands: readonly string[]): boolean {
  const has = (needle: string): boolean => list.some((element) => equalsPlain(element, needle));
  if (operator === '<in>') return operands[0] !== undefined && has(operands[0]);
  return operands.length > 0 && operands.every(has);
}

function matchesScalar(capability: unknown, requirement: string, words: readonly string[]): boolean {
  const [op, ...operands] = words;
  if (op === '<or>') return anyOf(capability, operands);
  const operator = op === undefined ? undefined : OPERATORS.get(op);
  if (operator === undefined) return equalsPlain(capability, requirement);
  return operator(capability, operands);
}

/**
 * Does one reported capability value satisfy one extra-spec requirement?
 * A list capability answers `<in>`/`<all-in>` by membership and any other requirement when
 * one of its elements does (Cinder's CapabilitiesFilter loops over list values the same way).
 */
export function matchesSpec(capabilityValue: unknown, requirement: string): boolean {
  const words = requirement.split(/\s+/).filter((word) => word.length > 0);
  if (Array.isArray(capabilityValue)) {
    const [op, ...operands] = words;
    if (op === '<in>' || op === '<all-in>') return listMembership(capabilityValue, op, operands);
    return capabilityValue.some((element) => matchesScalar(element, requirement, words));
  }
  return matchesScalar(capabilityValue, requirement, words);
}

/** An extra spec by key, own properties only: specs arrive as JSON and 'constructor' is not a spec. */
export function extraSpec(extraSpecs: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(extraSpecs, key) ? extraSpecs[key] : undefined;
}
