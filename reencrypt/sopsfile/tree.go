package sopsfile

import "github.com/getsops/sops/v3"

// cloneTree copies a parsed tree deeply enough that decrypting the copy in
// place (sops.Tree.Decrypt rewrites the values of its branches) leaves the
// original encrypted: far cheaper than parsing the file again, which is
// most of a rewrap's cost. Metadata is copied by value; its key groups are
// shared and must be replaced, not edited.
func cloneTree(t sops.Tree) sops.Tree {
	c := t
	c.Branches = make(sops.TreeBranches, len(t.Branches))
	for i, b := range t.Branches {
		c.Branches[i] = cloneBranch(b)
	}
	return c
}

func cloneBranch(b sops.TreeBranch) sops.TreeBranch {
	out := make(sops.TreeBranch, len(b))
	for i, it := range b {
		out[i] = sops.TreeItem{Key: it.Key, Value: cloneValue(it.Value)}
	}
	return out
}

func cloneValue(v interface{}) interface{} {
	switch v := v.(type) {
	case sops.TreeBranch:
		return cloneBranch(v)
	case []interface{}:
		out := make([]interface{}, len(v))
		for i, x := range v {
			out[i] = cloneValue(x)
		}
		return out
	}
	return v
}
