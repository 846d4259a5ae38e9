{
  "wifi.age".publicKeys = [
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDYiwE5tvOHVd2WOyLZgAymbtGqKMP6P2Xyicao3wsU7 Aaron's Desktop"
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH27Qv/0+MKen7Fba81LrvIA6wX65MM6Hz/+t6mD9ipA Aaron's Framework"
  ];
}
