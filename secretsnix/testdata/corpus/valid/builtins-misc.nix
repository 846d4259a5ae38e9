let
  b = builtins;
  closure = b.genericClosure {
    startSet = [ { key = 1; } { key = 1; dup = true; } ];
    operator = x: if x.key < 5 then [ { key = x.key + 1; } { key = x.key; } ] else [ ];
  };
in
{
  tryEval = [
    (b.tryEval 1)
    (b.tryEval (throw "x"))
    (b.tryEval (assert 1 == 2; 1))
    (b.tryEval (b.tryEval (throw "x")).success)
    ((b.tryEval (let x = throw "boom"; in x + 1)).success)
  ];
  hashes = map (a: b.hashString a "abc") [ "md5" "sha1" "sha256" "sha512" ];
  closure = map (x: x.key) closure;
  closureStrings = b.genericClosure { startSet = [ { key = "b"; v = 1; } { key = "a"; } { key = "b"; v = 2; } ]; operator = x: [ ]; };
  closureNumbers = b.genericClosure { startSet = [ { key = 1; } { key = 1.0; } { key = 2; } ]; operator = x: [ ]; };
  catAttrs = b.catAttrs "a" [ { a = 1; } { b = 2; } { a = 3; } ];
  intersect = b.intersectAttrs { a = 1; b = 2; } { b = 3; c = 4; };
  zip = b.zipAttrsWith (n: v: v) [ { a = 1; } { a = 2; b = 3; } ];
  args = b.functionArgs ({ a, b ? 1, ... }: a);
  bits = [ (b.bitAnd 12 10) (b.bitOr 12 10) (b.bitXor 12 10) ];
  seqs = [ (b.deepSeq { a = 1; } 2) (b.seq 1 2) ];
  context = [ (b.getContext "abc") (b.hasContext "abc") (b.unsafeDiscardOutputDependency "abc") (b.appendContext "abc" { }) ];
  placeholders = map b.placeholder [ "out" "dev" ];
  toPath = b.toPath "/a/../b/./c";
  attrPos = (b.unsafeGetAttrPos "b" { a = 1;
    b = 2; }).line;
  noAttrPos = b.unsafeGetAttrPos "c" { a = 1; };
  refusedAreFunctions = map b.isFunction [ b.getEnv b.fetchGit b.derivation b.toFile ];
}
