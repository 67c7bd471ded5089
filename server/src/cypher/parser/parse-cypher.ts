import {
  BailErrorStrategy,
  BaseErrorListener,
  CharStream,
  CommonTokenStream,
  DefaultErrorStrategy,
  ParseCancellationException,
  PredictionMode,
  type ATNSimulator,
  type Recognizer,
  type RecognitionException,
  type Token,
} from "antlr4ng";
import { CypherCmdLexer } from "./generated/cypher-lexer.js";
import { CypherCmdParser, type StatementsContext } from "./generated/cypher-parser.js";

export { CypherCmdParser } from "./generated/cypher-parser.js";
export * as Cypher from "./generated/cypher-parser.js";

export interface CypherSyntaxError {
  line: number;
  column: number;
  message: string;
}

export type ParsedCypher = { ok: true; tree: StatementsContext } | { ok: false; errors: CypherSyntaxError[] };

class CollectingErrorListener extends BaseErrorListener {
  readonly errors: CypherSyntaxError[] = [];
  override syntaxError<S extends Token, T extends ATNSimulator>(
    _recognizer: Recognizer<T>,
    _offendingSymbol: S | null,
    line: number,
    column: number,
    message: string,
    _e: RecognitionException | null,
  ): void {
    this.errors.push({ line, column: column + 1, message });
  }
}

/**
 * Parses one Cypher text with Neo4j's published grammar, entering at `statements` (Cypher proper: no console
 * commands, no EXPLAIN/PROFILE prefix). Tries the fast SLL prediction first and falls back to full LL only when
 * SLL fails, as ANTLR recommends; any lexer or parser error makes the whole parse fail.
 */
export function parseCypher(query: string): ParsedCypher {
  const lexerErrors = new CollectingErrorListener();
  const lexer = new CypherCmdLexer(CharStream.fromString(query));
  lexer.removeErrorListeners();
  lexer.addErrorListener(lexerErrors);
  const tokens = new CommonTokenStream(lexer);
  const parser = new CypherCmdParser(tokens);
  parser.removeErrorListeners();
  parser.interpreter.predictionMode = PredictionMode.SLL;
  parser.errorHandler = new BailErrorStrategy();
  let tree: StatementsContext;
  try {
    tree = parser.statements();
  } catch (error) {
    if (!(error instanceof ParseCancellationException)) throw error;
    const errors = new CollectingErrorListener();
    tokens.seek(0);
    parser.reset();
    parser.addErrorListener(errors);
    parser.errorHandler = new DefaultErrorStrategy();
    parser.interpreter.predictionMode = PredictionMode.LL;
    tree = parser.statements();
    if (errors.errors.length > 0 || lexerErrors.errors.length > 0) {
      return { ok: false, errors: [...lexerErrors.errors, ...errors.errors] };
    }
  }
  if (lexerErrors.errors.length > 0) return { ok: false, errors: lexerErrors.errors };
  return { ok: true, tree };
}
