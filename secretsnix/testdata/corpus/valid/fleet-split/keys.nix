rec {
  operators = {
    alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
    carol = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFLLJGNl70r0S9YjKhJ72YzUuIN6/d1Y+6xEHa0z+DjC";
  };
  hosts = {
    servers = {
      web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
      db1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILZeSUsn/i7IxwB43HhauPWeyVysM5c8WyH0cl/NfeYn";
      legacy = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDDX5MDe+pCv9H19AoJVEkhYPKD8SoilYZhU0yZ9ZjXcw5JHw+T+8GOTppoc38ANsAuLKFcJK+Du5oN6MwnAkmrTxCVlIDRoXKaPg9hrIplukObkFucqD+Uyvlc9/rh0gmF0mVo7e6YDrDJlbfxrkYbJ710PvdOMPmYVZXWyegj1Gri/kSD4025mdjkxeWxyD9W7K8XxlOCdEuOvRuvQUQXqcTT9150L9CNkLkpaYp4dnJILW8YEqH5+QU4XfLzFvX/ls0Mi1F0PPIyV+Y4j76uvzbHD1EossIhbUp1wsInX+PbpOrYcwAjW3oSUiMRArMSrxZXP9hjSmV85xwrIo3J";
    };
    workstations = {
      laptop1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILS1lkS8LlDQh+/tWvJpqTGsfx6N1Hv70ozskMiIDAtU";
    };
  };
  agents.ci = "age1ck2l5yvz8u0fh5d6mf008ue27zcwree2csnqkstg0lkmlal3da9qatcdh3";
  servers = builtins.attrValues hosts.servers;
  workstations = builtins.attrValues hosts.workstations;
}
