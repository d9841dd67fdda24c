/**
 * True when `a` and `b` differ by exactly one edit: a substitution, an insertion, a deletion or a
 * swap of two adjacent characters (optimal-string-alignment distance 1). Linear, no table.
 */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let i = 0;
    while (a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (sameFrom(a, b, i + 1, i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && sameFrom(a, b, i + 2, i + 2);
  }
  if (la === lb + 1) return oneInsertion(b, a);
  if (lb === la + 1) return oneInsertion(a, b);
  return false;
}

/** `long` is `short` with one character inserted. */
function oneInsertion(short: string, long: string): boolean {
  let i = 0;
  while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i++;
  return sameFrom(short, long, i, i + 1);
}

function sameFrom(a: string, b: string, i: number, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}
