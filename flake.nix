{
  description = "nfrekey: keep a NixOS fleet's secrets encrypted to exactly the right machines";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs = { self, nixpkgs }:
    let
      systems = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];
      # builtins only, so that the flake also evaluates against a stub nixpkgs
      # (internal/nixflake checks its shape offline).
      forAllSystems = f: builtins.listToAttrs (map
        (system: { name = system; value = f system nixpkgs.legacyPackages.${system}; })
        systems);
      revision = self.rev or self.dirtyRev or "";
      version = "0.0.0-" + (self.shortRev or self.dirtyShortRev or "unknown");
    in
    {
      packages = forAllSystems (system: pkgs:
        let
          # go.mod says go 1.26.0 and nix builds with GOTOOLCHAIN=local.
          buildGoModule = pkgs.buildGoModule.override { go = pkgs.go_1_26 or pkgs.go; };
        in
        rec {
          nfrekey = buildGoModule {
            pname = "nfrekey";
            inherit version;
            src = ./.;
            # The NAR hash of `go mod vendor` (what buildGoModule's goModules
            # derivation outputs for a go.mod without vendor/), computed
            # offline by .ci/vendorhash: `go mod vendor -o DIR`, then
            # `nix hash path DIR`. After go.mod changes run
            # `.ci/vendorhash --update`; internal/nixflake's test fails while
            # this is stale.
            vendorHash = "sha256-WKM5fJSSFwShLcoLipLTKkAzblKI8+8PcMom5xBkEag=";
            subPackages = [ "cmd/nfrekey" ];
            env.CGO_ENABLED = 0;
            # The store copy of the source has no .git, so the toolchain stamps
            # no revision: pass the flake's own (see cmd/nfrekey/version.go).
            ldflags = [
              "-s"
              "-w"
              "-X main.linkedVersion=${version}"
              "-X main.linkedRevision=${revision}"
            ];
            # The suite needs its oracles (age, sshd, nix-instantiate) and a
            # loopback network; it runs in .ci/run and in the dev shell.
            doCheck = false;
            meta = {
              description = "Keep a NixOS fleet's agenix and sops secrets encrypted to exactly the right machines";
              homepage = "https://github.com/nfrekey/nfrekey";
              license = pkgs.lib.licenses.mit;
              mainProgram = "nfrekey";
            };
          };
          default = nfrekey;
        });

      apps = forAllSystems (system: pkgs: rec {
        nfrekey = {
          type = "app";
          program = "${self.packages.${system}.nfrekey}/bin/nfrekey";
          meta.description = "nfrekey";
        };
        default = nfrekey;
      });

      # `nix develop`: the toolchain and every oracle the tests use, so that
      # NFREKEY_REQUIRE_PEERS=1 go test ./... runs with no skip.
      devShells = forAllSystems (system: pkgs: {
        default = pkgs.mkShell {
          packages = [
            (pkgs.go_1_26 or pkgs.go)
            pkgs.age
            pkgs.nix
            pkgs.openssh
            pkgs.sops
            pkgs.hyperfine
            (pkgs.python3.withPackages (ps: [ ps.pynacl ]))
          ] ++ (if pkgs.stdenv.isLinux then [ pkgs.strace ] else [ ]);
        };
      });
    };
}
