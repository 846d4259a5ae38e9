package secretsnix

// pipe parses the pipe operators of Nix 2.24+, looser than every other
// binary operator (Nix's expr_pipe_into / expr_pipe_from): x |> f is f x,
// left-associative; f <| x is f x, right-associative; a chain uses one of
// them only, so a |> b <| c is a syntax error as in Nix.
func (p *parser) pipe() Node {
	first := p.i
	left := p.op(0)
	if p.err != nil {
		return nil
	}
	kind := p.tok().Kind
	if kind != TPipeInto && kind != TPipeFrom {
		return left
	}
	starts, operands, ops := []int{first}, []Node{left}, []int{}
	for p.err == nil {
		k := p.tok().Kind
		if k != TPipeInto && k != TPipeFrom {
			break
		}
		if k != kind {
			p.unexpected("")
			return nil
		}
		ops = append(ops, p.next())
		starts = append(starts, p.i)
		r := p.op(0)
		if p.err != nil {
			return nil
		}
		operands = append(operands, r)
		if kind == TPipeInto {
			operands = []Node{p.pipeNode(first, kind, ops[0], operands[0], r)}
			starts, ops = starts[:1], ops[:0]
		}
	}
	if p.err != nil {
		return nil
	}
	if kind == TPipeInto {
		return operands[0]
	}
	// <| folds from the right: every node ends where the chain ends.
	n := operands[len(operands)-1]
	for i := len(ops) - 1; i >= 0; i-- {
		n = p.pipeNode(starts[i], kind, ops[i], operands[i], n)
	}
	return n
}

func (p *parser) pipeNode(first int, k TokKind, opTok int, l, r Node) *Binary {
	b := p.a.binaries.new()
	b.NodeBase, b.Op, b.OpTok, b.OpPos = p.nb(first), k, int32(opTok), p.pos(opTok)
	b.L, b.R = l, r
	return b
}
