package dev.sluice.delivery.metrics.template;

import java.util.List;

/** The parse tree of a Go text/template subset: text, actions, if/else blocks and their pipelines. */
final class Nodes {

    private Nodes() {
    }

    /** Where an action starts in the template, and its source text for messages. */
    record Position(int line, int column, String source) {
        @Override
        public String toString() {
            return line + ":" + column + ": " + shown();
        }

        /** The action as written, cut when long so that an error message stays readable. */
        String shown() {
            return source.length() <= 120 ? source : source.substring(0, 120) + "...";
        }
    }

    sealed interface Node permits Text, Action, If {
    }

    record Text(String text) implements Node {
    }

    /** {@code {{ pipeline }}}: prints the value unless the pipeline declares a variable. */
    record Action(Pipeline pipeline, Position at) implements Node {
    }

    /** {@code {{ if p }} ... {{ else if q }} ... {{ else }} ... {{ end }}}. */
    record If(List<Branch> branches, List<Node> otherwise) implements Node {
    }

    record Branch(Pipeline condition, List<Node> body) {
    }

    /** {@code [$var :=] command | command ...}. */
    record Pipeline(String declares, List<Command> commands, Position at) {
    }

    /** A function or value with its arguments. */
    record Command(List<Operand> operands) {
    }

    sealed interface Operand permits Identifier, Variable, Literal, Dot, Sub {
    }

    /** A function name with the fields read from its result: {@code variables.key}. */
    record Identifier(String name, List<String> fields) implements Operand {
    }

    /** {@code $name.field...}; {@code $} alone is the data. */
    record Variable(String name, List<String> fields) implements Operand {
    }

    /** A string, number, boolean or nil. */
    record Literal(Object value) implements Operand {
    }

    /** {@code .} or {@code .field...} on the data, which is nil for metric queries. */
    record Dot(List<String> fields) implements Operand {
    }

    /** A parenthesized pipeline with the fields read from its result. */
    record Sub(Pipeline pipeline, List<String> fields) implements Operand {
    }
}
