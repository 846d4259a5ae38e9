let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  bob = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAII27VBqGR3wz0GuxMWrnKxsAVuZtRJewvT0U8hFXGQSx";
  web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
  legacy = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDDX5MDe+pCv9H19AoJVEkhYPKD8SoilYZhU0yZ9ZjXcw5JHw+T+8GOTppoc38ANsAuLKFcJK+Du5oN6MwnAkmrTxCVlIDRoXKaPg9hrIplukObkFucqD+Uyvlc9/rh0gmF0mVo7e6YDrDJlbfxrkYbJ710PvdOMPmYVZXWyegj1Gri/kSD4025mdjkxeWxyD9W7K8XxlOCdEuOvRuvQUQXqcTT9150L9CNkLkpaYp4dnJILW8YEqH5+QU4XfLzFvX/ls0Mi1F0PPIyV+Y4j76uvzbHD1EossIhbUp1wsInX+PbpOrYcwAjW3oSUiMRArMSrxZXP9hjSmV85xwrIo3J";
  all = [ alice bob web1 legacy ];
  isEd25519 = k: builtins.substring 0 11 k == "ssh-ed25519";
in
{
  "ed25519-only.age".publicKeys = builtins.filter isEd25519 all;
  "flattened.age".publicKeys = builtins.concatLists [ [ alice ] [ ] [ bob web1 ] ];
  "mapped.age".publicKeys = builtins.concatMap (k: [ k ]) [ alice bob ];
  hasLegacy = builtins.elem legacy all;
  hasMissing = builtins.elem "nope" all;
  elemList = builtins.elem [ 1 ] [ [ 1 ] [ 2 ] ];
  count = builtins.length all;
  emptyLength = builtins.length [ ];
  first = builtins.head all;
  rest = builtins.length (builtins.tail all);
  tailSingle = builtins.tail [ 1 ];
  third = builtins.elemAt all 2;
  lazyElems = builtins.length [ (throw "lazy") (throw "lazy") ];
  headLazy = builtins.head [ "h" (throw "lazy") ];
  mapIndexLike = map (x: x * x) [ 1 2 3 ];
  nestedLists = [ [ 1 [ 2 ] ] [ ] ];
  funcInList = [ (x: x) ] != [ ];
  concatMapMulti = builtins.concatMap (x: [ x x ]) [ "a" "b" ];
}
