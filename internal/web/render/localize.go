package render

import (
	"html"
	"html/template"
	"text/template/parse"
)

// localize translates a page's fixed texts once, at start: every action
// {{.T "key"}} or {{$.T "key"}} with a literal key and no other argument
// becomes the key's text in one language, escaped, as if written in the
// template. Rendering then calls T only for keys chosen at run time or with
// arguments; on the scan landing, the busiest page, fixed texts were a
// third of the template's work (each call is a reflective method lookup).
// The escaped text is safe where templates use T: element text and quoted
// attribute values (no template calls T inside a script or a URL).
func localize(t *template.Template, tr func(key string) string) {
	for _, tt := range t.Templates() {
		if tt.Tree != nil && tt.Tree.Root != nil {
			localizeList(tt.Tree.Root, tr)
		}
	}
}

func localizeList(l *parse.ListNode, tr func(string) string) {
	if l == nil {
		return
	}
	for i, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if key, ok := literalT(n.Pipe); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(html.EscapeString(tr(key)))}
			}
		case *parse.IfNode:
			localizeList(n.List, tr)
			localizeList(n.ElseList, tr)
		case *parse.RangeNode:
			localizeList(n.List, tr)
			localizeList(n.ElseList, tr)
		case *parse.WithNode:
			localizeList(n.List, tr)
			localizeList(n.ElseList, tr)
		case *parse.ListNode:
			localizeList(n, tr)
		}
	}
}

// literalT reports whether p is exactly .T "key" or $.T "key".
func literalT(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 2 {
		return "", false
	}
	args := p.Cmds[0].Args
	s, ok := args[1].(*parse.StringNode)
	if !ok {
		return "", false
	}
	switch f := args[0].(type) {
	case *parse.FieldNode:
		ok = len(f.Ident) == 1 && f.Ident[0] == "T"
	case *parse.VariableNode:
		ok = len(f.Ident) == 2 && f.Ident[0] == "$" && f.Ident[1] == "T"
	default:
		ok = false
	}
	return s.Text, ok
}
