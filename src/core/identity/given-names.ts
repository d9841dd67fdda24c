/**
 * English given names: nickname groups, spelling variants, and names known to be different people.
 * Built once at module load into maps from a name to the groups it belongs to.
 */

/** Each group: the formal name first, then its usual short forms. A short form may sit in two groups (PAT). */
const NICKNAME_GROUPS: readonly (readonly string[])[] = [
  ['WILLIAM', 'BILL', 'BILLY', 'WILL', 'WILLIE', 'WILLY', 'LIAM'],
  ['ROBERT', 'BOB', 'BOBBY', 'ROB', 'ROBBIE', 'BERT'],
  ['JAMES', 'JIM', 'JIMMY', 'JIMMIE', 'JAMIE'],
  ['MICHAEL', 'MIKE', 'MIKEY', 'MICK', 'MICKEY'],
  ['ELIZABETH', 'ELISABETH', 'LIZ', 'LIZZIE', 'LIZZY', 'BETH', 'BETTY', 'BETSY', 'ELIZA', 'LIZA', 'LIBBY'],
  [
    'KATHERINE',
    'CATHERINE',
    'KATHARINE',
    'CATHARINE',
    'KATHRYN',
    'KATE',
    'KATIE',
    'KATY',
    'KATHY',
    'CATHY',
    'KAT',
    'KITTY',
  ],
  ['JOHN', 'JOHNNY', 'JACK'],
  ['JONATHAN', 'JON', 'JONNY'],
  ['RICHARD', 'RICK', 'RICKY', 'RICH', 'RICHIE', 'DICK'],
  ['THOMAS', 'TOM', 'TOMMY'],
  ['CHARLES', 'CHARLIE', 'CHUCK', 'CHAS'],
  ['JOSEPH', 'JOE', 'JOEY'],
  ['DANIEL', 'DAN', 'DANNY'],
  ['DAVID', 'DAVE', 'DAVEY', 'DAVY'],
  ['EDWARD', 'ED', 'EDDIE', 'EDDY', 'TED', 'TEDDY', 'NED'],
  ['ANTHONY', 'TONY'],
  ['CHRISTOPHER', 'CHRIS', 'KIT'],
  ['MATTHEW', 'MATT', 'MATTY'],
  ['ANDREW', 'ANDY', 'DREW'],
  ['STEPHEN', 'STEVEN', 'STEVE', 'STEVIE'],
  ['NICHOLAS', 'NICK', 'NICKY'],
  ['ALEXANDER', 'ALEX', 'ALEC', 'SANDY'],
  ['ALEXANDRA', 'ALEX', 'LEXI', 'SANDRA', 'SANDY'],
  ['BENJAMIN', 'BEN', 'BENNY', 'BENJI'],
  ['SAMUEL', 'SAM', 'SAMMY'],
  ['SAMANTHA', 'SAM', 'SAMMY'],
  ['PATRICK', 'PAT', 'PADDY'],
  ['PATRICIA', 'PAT', 'PATTY', 'TRISH', 'TRICIA'],
  ['PETER', 'PETE'],
  ['TIMOTHY', 'TIM', 'TIMMY'],
  ['GREGORY', 'GREG'],
  ['JEFFREY', 'JEFFERY', 'GEOFFREY', 'JEFF', 'GEOFF'],
  ['KENNETH', 'KEN', 'KENNY'],
  ['RONALD', 'RON', 'RONNIE'],
  ['DONALD', 'DON', 'DONNIE'],
  ['GERALD', 'GERRY', 'JERRY'],
  ['LAWRENCE', 'LAURENCE', 'LARRY'],
  ['HENRY', 'HANK', 'HARRY'],
  ['ALBERT', 'AL', 'BERT'],
  ['FRANCIS', 'FRANK', 'FRAN'],
  ['FRANCES', 'FRAN', 'FRANNIE'],
  ['MARGARET', 'MAGGIE', 'MEG', 'PEGGY', 'MARGE'],
  ['JENNIFER', 'JEN', 'JENNY'],
  ['REBECCA', 'BECKY', 'BECCA'],
  ['SUSAN', 'SUE', 'SUSIE', 'SUZY'],
  ['DEBORAH', 'DEBRA', 'DEB', 'DEBBIE'],
  ['BARBARA', 'BARB', 'BABS'],
  ['VICTORIA', 'VICKY', 'VICKI', 'TORI'],
  ['CHRISTINE', 'CHRISTINA', 'CHRIS', 'CHRISSY', 'TINA'],
  ['ABIGAIL', 'ABBY', 'ABBIE'],
  ['MARY', 'MOLLY', 'POLLY', 'MAE'],
  ['ANN', 'ANNE', 'ANNIE', 'NANCY'],
  ['DOROTHY', 'DOT', 'DOTTIE'],
  ['THEODORE', 'THEO', 'TED', 'TEDDY'],
];

/**
 * Spellings of one name that are not nicknames of each other. They only lift the "known different
 * names" block so that spelling or phonetic matching can explain them (JON ~ JOHN by one letter).
 */
const SPELLING_GROUPS: readonly (readonly string[])[] = [
  ['JOHN', 'JON'],
  ['SARA', 'SARAH'],
  ['ERIC', 'ERIK'],
  ['ALAN', 'ALLAN', 'ALLEN'],
  ['CARL', 'KARL'],
  ['MARC', 'MARK'],
  ['PHILIP', 'PHILLIP'],
  ['BRIAN', 'BRYAN'],
  ['GLEN', 'GLENN'],
  ['ISABEL', 'ISABELLE', 'ISOBEL'],
  ['MOHAMMED', 'MOHAMMAD', 'MUHAMMAD', 'MOHAMED'],
];

/**
 * Common given names that sit one letter or one sound away from another given name (JOHN / JOAN,
 * PAUL / PAULA): two of them are different people, never a typo.
 */
const OTHER_GIVEN_NAMES: readonly string[] = [
  'JOAN',
  'JEAN',
  'JANE',
  'JUNE',
  'JANET',
  'DIANA',
  'DIANE',
  'DINA',
  'DANA',
  'DONNA',
  'MARIA',
  'MARIO',
  'MARIE',
  'CARLA',
  'CARLO',
  'CARLOS',
  'ERICA',
  'PAUL',
  'PAULA',
  'LUKE',
  'ADAM',
  'ELLEN',
  'HELEN',
  'EMMA',
  'ELLA',
  'EVA',
  'EVE',
  'IVAN',
  'LEON',
  'LEONA',
  'NOAH',
  'NORA',
  'LARA',
  'LAURA',
  'LISA',
  'LUIS',
  'LUISA',
  'LOUIS',
  'LOUISE',
  'DEAN',
  'SEAN',
  'GINA',
  'NINA',
  'TONI',
  'TERRY',
  'TERRI',
  'KERRY',
  'BARRY',
  'GARY',
  'JOEL',
  'JOSE',
  'ROSE',
  'ROSA',
  'ROSS',
  'ANDRE',
  'ANDREA',
  'KAREN',
  'ANNA',
  'HANNAH',
  'JULIA',
  'JULIE',
  'JULIAN',
  'AMY',
  'AMIE',
  'ROY',
  'RAY',
  'KIM',
  'TIM',
  'JOY',
];

function index(groups: readonly (readonly string[])[]): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  groups.forEach((g, i) => {
    for (const name of g) {
      const ids = byName.get(name);
      if (ids === undefined) byName.set(name, [i]);
      else if (!ids.includes(i)) ids.push(i);
    }
  });
  return byName;
}

const NICKNAMES = index(NICKNAME_GROUPS);
const SPELLINGS = index(SPELLING_GROUPS);
const KNOWN: ReadonlySet<string> = new Set([...NICKNAMES.keys(), ...SPELLINGS.keys(), ...OTHER_GIVEN_NAMES]);

function sharedGroup(byName: Map<string, number[]>, a: string, b: string): number {
  const ga = byName.get(a);
  const gb = byName.get(b);
  if (ga === undefined || gb === undefined) return -1;
  for (const g of ga) if (gb.includes(g)) return g;
  return -1;
}

/** A name and its spelling variants (JON -> JON, JOHN). */
function spellings(name: string): readonly string[] {
  const groups = SPELLINGS.get(name);
  if (groups === undefined) return [name];
  const out = [name];
  for (const g of groups) for (const n of SPELLING_GROUPS[g]!) if (!out.includes(n)) out.push(n);
  return out;
}

/** The formal name when `a` and `b` are forms of it (BILL, WILL -> WILLIAM); undefined otherwise. */
export function nicknameOf(a: string, b: string): string | undefined {
  const g = sharedGroup(NICKNAMES, a, b);
  return g < 0 ? undefined : NICKNAME_GROUPS[g]![0];
}

/**
 * True when the tables tie the two names to one person: a nickname group, a spelling group, or a
 * nickname of a spelling (JON ~ JOHN ~ JOHNNY). Shared nicknames do not chain: PATRICK and
 * PATRICIA both answer to PAT but stay different names.
 */
export function areRelatedNames(a: string, b: string): boolean {
  if (a === b || sharedGroup(SPELLINGS, a, b) >= 0) return true;
  for (const x of spellings(a))
    for (const y of spellings(b)) if (sharedGroup(NICKNAMES, x, y) >= 0) return true;
  return false;
}

/** True when both are known given names of different people, so a one-letter or sound-alike difference is no typo. */
export function areDifferentGivenNames(a: string, b: string): boolean {
  return KNOWN.has(a) && KNOWN.has(b) && !areRelatedNames(a, b);
}
