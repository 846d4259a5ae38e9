package secretsnix

import "strings"

// Print renders a tree by walking it: the tokens between a node's children
// come from the node, the children render themselves. For a tree as parsed
// the result is the source, byte for byte.
func Print(f *File) string {
	var b strings.Builder
	b.Grow(len(f.Src))
	next := 0
	if f.Root != nil {
		next = printNode(&b, f, f.Root, 0)
	}
	// Whatever follows the root: trailing trivia and the EOF token.
	for i := next; i < len(f.Tokens); i++ {
		b.WriteString(f.Src[tokLead(f.Tokens, i):f.Tokens[i].End])
	}
	return b.String()
}

// printNode writes the tokens from next up to the end of n and returns the
// index of the token after n.
func printNode(b *strings.Builder, f *File, n Node, next int) int {
	nb := n.base()
	for _, c := range Children(n) {
		cb := c.base()
		if int(cb.First) < next || cb.Last > nb.Last {
			// Synthesized nodes (inherit desugaring) share tokens; skip.
			continue
		}
		next = emitTokens(b, f, next, int(cb.First))
		next = printNode(b, f, c, next)
	}
	return emitTokens(b, f, next, int(nb.Last)+1)
}

func emitTokens(b *strings.Builder, f *File, from, to int) int {
	if to > len(f.Tokens) {
		to = len(f.Tokens)
	}
	for i := from; i < to; i++ {
		b.WriteString(f.Src[tokLead(f.Tokens, i):f.Tokens[i].End])
	}
	if to > from {
		return to
	}
	return from
}
