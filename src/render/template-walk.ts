/**
 * Every statement of a parsed template, in document order. The checks made
 * when templates are compiled (partial cycles, {{{ }}} warnings, inline
 * partials) look only at statements, and statements sit only in programs:
 * a program's body and the blocks' programs and inverses. A walk over every
 * key of every node (paths, parameters, locations) visited ten times as many
 * objects and took 20-30 ms of a build, every build.
 */
type Node = hbs.AST.Node;

interface WithPrograms {
  program?: hbs.AST.Program | null;
  inverse?: hbs.AST.Program | null;
}

/** Calls `visit` with each statement of the tree, a block before its contents, its program before its inverse. */
export function forEachStatement(ast: hbs.AST.Program, visit: (statement: Node) => void): void {
  const walk = (program: hbs.AST.Program | null | undefined): void => {
    if (!program) return;
    for (const statement of program.body) {
      visit(statement);
      const { program: inner, inverse } = statement as WithPrograms;
      walk(inner);
      walk(inverse);
    }
  };
  walk(ast);
}
