package nixflake

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nfrekey/nfrekey/internal/peer"
)

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "flake.nix")); err != nil {
		t.Fatal(err)
	}
	return root
}

// stub is a nixpkgs with just what flake.nix uses; packages are named
// attribute sets, so that the evaluated shape says which were chosen.
const stub = `
let
  pkg = name: { inherit name; outPath = "/stub/${name}"; };
  pkgs = {
    buildGoModule = { override = { go }: args: args // { goName = go.name; outPath = "/stub/nfrekey"; }; };
    go = pkg "go"; go_1_26 = pkg "go_1_26";
    age = pkg "age"; nix = pkg "nix"; openssh = pkg "openssh"; sops = pkg "sops";
    strace = pkg "strace"; hyperfine = pkg "hyperfine";
    python3.withPackages = f: pkg ("python3-with-" + builtins.concatStringsSep "," (map (p: p.name) (f { pynacl = pkg "pynacl"; })));
    mkShell = args: args;
    stdenv.isLinux = true;
    lib.licenses.mit = "mit";
  };
  flake = import FLAKE;
  self = flake.outputs { inherit self; nixpkgs.legacyPackages = builtins.listToAttrs (map (s: { name = s; value = pkgs; }) [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ]); }
    // { rev = "40a1ee1717d30a434ad46e3f664070817b29ee00"; shortRev = "40a1ee1"; };
  sys = "x86_64-linux";
  p = self.packages.${sys}.nfrekey;
in {
  inherit (p) pname version vendorHash subPackages ldflags goName doCheck;
  src = toString p.src;
  mainProgram = p.meta.mainProgram;
  license = p.meta.license;
  defaultIsPackage = self.packages.${sys}.default == p;
  app = self.apps.${sys}.nfrekey.program;
  defaultApp = self.apps.${sys}.default.program;
  shell = map (x: x.name) self.devShells.${sys}.default.packages;
  systems = builtins.attrNames self.packages;
}
`

type shape struct {
	Pname, Version, VendorHash, Src, MainProgram, License, GoName, App, DefaultApp string
	SubPackages, Ldflags, Shell, Systems                                           []string
	DefaultIsPackage, DoCheck                                                      bool
}

func evalFlake(t *testing.T, root string) shape {
	t.Helper()
	bin := peer.Need(t, "nix-instantiate")
	expr := strings.Replace(stub, "FLAKE", filepath.Join(root, "flake.nix"), 1)
	cmd := exec.Command(bin, "--eval", "--strict", "--json", "--expr", expr)
	cmd.Env = append(os.Environ(), "NIX_STATE_DIR="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("evaluating flake.nix: %v\n%s", err, msg)
	}
	var s shape
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return s
}

func TestFlakeShape(t *testing.T) {
	root := repoRoot(t)
	s := evalFlake(t, root)
	want := shape{
		Pname: "nfrekey", Version: "0.0.0-40a1ee1", Src: root, MainProgram: "nfrekey", License: "mit",
		GoName: "go_1_26", App: "/stub/nfrekey/bin/nfrekey", DefaultApp: "/stub/nfrekey/bin/nfrekey",
		SubPackages: []string{"cmd/nfrekey"}, DefaultIsPackage: true,
	}
	for _, c := range []struct{ name, got, want string }{
		{"pname", s.Pname, want.Pname}, {"version", s.Version, want.Version}, {"src", s.Src, want.Src},
		{"mainProgram", s.MainProgram, want.MainProgram}, {"license", s.License, want.License},
		{"go", s.GoName, want.GoName}, {"app", s.App, want.App}, {"default app", s.DefaultApp, want.DefaultApp},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if !slices.Equal(s.SubPackages, want.SubPackages) || !s.DefaultIsPackage {
		t.Errorf("subPackages %v, default is the package: %v", s.SubPackages, s.DefaultIsPackage)
	}
	// The revision reaches the binary, which has no .git to stamp it from.
	for _, flag := range []string{"-X main.linkedRevision=40a1ee1717d30a434ad46e3f664070817b29ee00", "-X main.linkedVersion=0.0.0-40a1ee1"} {
		if !slices.Contains(s.Ldflags, flag) {
			t.Errorf("ldflags %q lack %q", s.Ldflags, flag)
		}
	}
	for _, oracle := range []string{"go_1_26", "age", "nix", "openssh", "sops", "strace", "python3-with-pynacl"} {
		if !slices.Contains(s.Shell, oracle) {
			t.Errorf("dev shell %v lacks %s", s.Shell, oracle)
		}
	}
	if len(s.Systems) != 4 {
		t.Errorf("systems %v", s.Systems)
	}
	if !strings.HasPrefix(s.VendorHash, "sha256-") || len(s.VendorHash) != len("sha256-")+44 {
		t.Errorf("vendorHash %q is not an SRI sha256", s.VendorHash)
	}
}

// TestVendorHash recomputes buildGoModule's vendorHash from go.mod/go.sum
// with .ci/vendorhash and compares it with the flake's: a go.mod change
// without `.ci/vendorhash --update` fails here, not in a user's nix build.
func TestVendorHash(t *testing.T) {
	if testing.Short() {
		t.Skip("copies every dependency (~14 MB): not in -short")
	}
	root := repoRoot(t)
	peer.Need(t, "nix")
	peer.Need(t, "go")
	s := evalFlake(t, root)
	cmd := exec.Command("bash", filepath.Join(root, ".ci", "vendorhash"))
	cmd.Env = append(os.Environ(), "NIX_STATE_DIR="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf(".ci/vendorhash: %v\n%s", err, msg)
	}
	got := strings.TrimSpace(string(out))
	if got != s.VendorHash {
		t.Fatalf("flake.nix vendorHash is %s, go.mod/go.sum need %s: run .ci/vendorhash --update", s.VendorHash, got)
	}
}
