package dev.autonoc.policy;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simple CEL expressions of a policy compiled to plain Java, so that a decision does not pay
 * CEL's interpreter for {@code cost > 1000.0 && cost <= 5000.0}. What compiles: constants (bool,
 * int, double, string), the policy variables, field access and {@code has()} on them ({@code
 * facts.in_shift}, {@code args['part']}), {@code && || !} and {@code ?:}, the comparisons {@code ==
 * != < <= > >=}, {@code + - *} and unary {@code -}, and {@code x in [...]} over a list of string
 * constants or over {@code lists.NAME}. Anything else (a function call such as {@code size()}, a
 * macro such as {@code exists}, a list or map built by the expression) leaves the whole expression
 * to CEL.
 *
 * <p>A direct expression answers only where its answer is certainly CEL's: with values of the kinds
 * it knows (String, Boolean, Long, Double), of the same kind on both sides of {@code ==}, with no
 * NaN, no signed zero, no missing key and no overflow. Everywhere else it answers {@link
 * #FALLBACK}, and the caller asks CEL, which gives its own result or its own error; so the gate
 * decides, and words its reasons, exactly as with CEL alone. {@code
 * DirectExpressionsPropertiesTest} checks this agreement over generated requests for every shipped
 * rule, the benchmarks' rules and generated conditions.
 */
final class DirectExpressions {

    private DirectExpressions() {}

    /** A compiled expression: its value for an activation, or {@link #FALLBACK}. */
    @FunctionalInterface
    interface Direct {
        Object eval(Activation a);
    }

    /** "Ask CEL": the direct expression cannot be sure of CEL's answer for this activation. */
    static final Object FALLBACK = new Object();

    /** The direct expression of what does not compile: it always asks CEL. */
    static final Direct CEL_ONLY = a -> FALLBACK;

    private static final double EXACT_LONG = 0x1p53;

    /**
     * {@code direct}'s answer, or {@link #FALLBACK} when it throws (a variable that cannot be
     * computed, say): CEL then meets the same problem and reports it as its own error, which the
     * rule turns into a DENY (fail closed).
     */
    static Object evalOrFallback(Direct direct, Activation variables) {
        try {
            return direct.eval(variables);
        } catch (RuntimeException e) {
            return FALLBACK;
        }
    }

    /** The direct form of {@code expr}, or {@link #CEL_ONLY}. */
    static Direct compileOrCel(CelExpr expr) {
        Direct d = node(expr);
        return d == null ? CEL_ONLY : d;
    }

    /** null: not compilable. */
    private static Direct node(CelExpr e) {
        return switch (e.getKind()) {
            case CONSTANT -> constant(e.constant());
            case IDENT -> variable(e.ident().name());
            case SELECT -> select(e.select());
            case CALL -> call(e.call());
            default -> null;
        };
    }

    private static Direct constant(CelConstant c) {
        Object value =
                switch (c.getKind()) {
                    case BOOLEAN_VALUE -> c.booleanValue();
                    case INT64_VALUE -> c.int64Value();
                    case DOUBLE_VALUE -> c.doubleValue();
                    case STRING_VALUE -> c.stringValue();
                    default -> null;
                };
        return value == null ? null : a -> value;
    }

    private static Direct variable(String name) {
        int i = PolicyVariables.index(name);
        return i < 0 ? null : a -> a.get(i);
    }

    private static Direct select(CelExpr.CelSelect s) {
        if (!s.testOnly() && s.operand().getKind() == CelExpr.ExprKind.Kind.IDENT) {
            Direct fixed = fixedField(s.operand().ident().name(), s.field());
            if (fixed != null) {
                return fixed;
            }
        }
        Direct operand = node(s.operand());
        if (operand == null) {
            return null;
        }
        String field = s.field();
        if (s.testOnly()) {
            // has(x.f): whether the map x holds the key f
            return a ->
                    operand.eval(a) instanceof Map<?, ?> m
                            ? (Object) m.containsKey(field)
                            : FALLBACK;
        }
        return a -> field(operand.eval(a), field);
    }

    /**
     * A key of {@code element}, {@code time.hour}, {@code time.minute} or a key of {@code history},
     * read from the request or the counters without building the variable's map: the same value
     * (and type) the map holds (PolicyVariables), at a fraction of the cost. null: not one of
     * these.
     */
    private static Direct fixedField(String variable, String key) {
        return switch (variable) {
            case "element" ->
                    switch (key) {
                        case "id" -> a -> a.request().element().id().value();
                        case "kind" -> a -> a.request().element().kind().name();
                        case "role" -> a -> orFallback(a.request().element().role());
                        case "region" -> a -> orFallback(a.request().element().region());
                        case "site" -> a -> orFallback(a.request().element().site());
                        default -> null;
                    };
            case "time" ->
                    switch (key) {
                        case "hour" -> Activation::hour;
                        case "minute" -> Activation::minute;
                        default -> null;
                    };
            case "history" ->
                    switch (key) {
                        case "spend_today" -> a -> a.history().spendToday();
                        case "act_calls_today" -> a -> a.history().actCallsToday();
                        case "act_calls_element_today" -> a -> a.history().actCallsElementToday();
                        case "element_under_work" -> a -> a.history().elementUnderWork();
                        case "elements_under_work_region" ->
                                a -> a.history().elementsUnderWorkRegion();
                        case "other_elements_under_work_region" ->
                                a -> a.history().otherElementsUnderWorkRegion();
                        case "elements_under_work" -> a -> a.history().elementsUnderWork();
                        default -> null;
                    };
            default -> null;
        };
    }

    private static Object orFallback(Object value) {
        return value == null ? FALLBACK : value;
    }

    private static Object field(Object operand, Object key) {
        if (operand instanceof Map<?, ?> m && key instanceof String) {
            Object v = m.get(key);
            return v == null ? FALLBACK : v;
        }
        return FALLBACK;
    }

    private static Direct call(CelExpr.CelCall c) {
        if (c.target().isPresent()) {
            return null;
        }
        List<CelExpr> args = c.args();
        String f = c.function();
        if (f.equals("@in") && args.size() == 2) {
            return in(args.get(0), args.get(1));
        }
        List<Direct> d = new ArrayList<>(args.size());
        for (CelExpr arg : args) {
            Direct n = node(arg);
            if (n == null) {
                return null;
            }
            d.add(n);
        }
        return switch (f) {
            case "_&&_" -> d.size() == 2 ? and(d.get(0), d.get(1)) : null;
            case "_||_" -> d.size() == 2 ? or(d.get(0), d.get(1)) : null;
            case "!_" -> d.size() == 1 ? not(d.get(0)) : null;
            case "_?_:_" -> d.size() == 3 ? conditional(d.get(0), d.get(1), d.get(2)) : null;
            case "_==_" -> binary(d, (l, r) -> equal(l, r, false));
            case "_!=_" -> binary(d, (l, r) -> equal(l, r, true));
            case "_<_" -> binary(d, (l, r) -> order(l, r, Order.LT));
            case "_<=_" -> binary(d, (l, r) -> order(l, r, Order.LE));
            case "_>_" -> binary(d, (l, r) -> order(l, r, Order.GT));
            case "_>=_" -> binary(d, (l, r) -> order(l, r, Order.GE));
            case "_+_" -> binary(d, DirectExpressions::plus);
            case "_-_" -> binary(d, DirectExpressions::minus);
            case "_*_" -> binary(d, DirectExpressions::times);
            case "-_" -> d.size() == 1 ? negate(d.get(0)) : null;
            case "_[_]" -> binary(d, DirectExpressions::field);
            default -> null;
        };
    }

    private interface Binary {
        Object apply(Object l, Object r);
    }

    private static Direct binary(List<Direct> d, Binary op) {
        if (d.size() != 2) {
            return null;
        }
        Direct l = d.get(0);
        Direct r = d.get(1);
        return a -> {
            Object x = l.eval(a);
            if (x == FALLBACK) {
                return FALLBACK;
            }
            Object y = r.eval(a);
            return y == FALLBACK ? FALLBACK : op.apply(x, y);
        };
    }

    /** CEL's {@code &&}: false if either side is false, whatever the other; else true or unsure. */
    private static Direct and(Direct l, Direct r) {
        return shortCircuit(l, r, Boolean.FALSE);
    }

    /** CEL's {@code ||}: true if either side is true, whatever the other; else false or unsure. */
    private static Direct or(Direct l, Direct r) {
        return shortCircuit(l, r, Boolean.TRUE);
    }

    /**
     * {@code &&} ({@code decisive} false) or {@code ||} ({@code decisive} true): the left side
     * decides alone when it is {@code decisive}; the right side when the left is the other boolean;
     * anything else is left to CEL.
     */
    private static Direct shortCircuit(Direct l, Direct r, Boolean decisive) {
        Boolean other = decisive ? Boolean.FALSE : Boolean.TRUE;
        return a -> {
            Object x = l.eval(a);
            if (x == decisive) {
                return decisive;
            }
            if (x != other) {
                return FALLBACK;
            }
            Object y = r.eval(a);
            return y instanceof Boolean ? y : FALLBACK;
        };
    }

    private static Direct not(Direct operand) {
        return a -> operand.eval(a) instanceof Boolean b ? (Object) !b : FALLBACK;
    }

    private static Direct conditional(Direct condition, Direct then, Direct otherwise) {
        return a -> {
            Object c = condition.eval(a);
            if (c == Boolean.TRUE) {
                return then.eval(a);
            }
            return c == Boolean.FALSE ? otherwise.eval(a) : FALLBACK;
        };
    }

    /** {@code x in [...]} over string constants, or {@code x in lists.NAME}. */
    private static Direct in(CelExpr item, CelExpr list) {
        Direct element = node(item);
        if (element == null) {
            return null;
        }
        if (list.getKind() == CelExpr.ExprKind.Kind.LIST) {
            Set<String> names = new HashSet<>();
            for (CelExpr e : list.list().elements()) {
                if (e.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                        || e.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
                    return null;
                }
                names.add(e.constant().stringValue());
            }
            if (!list.list().optionalIndices().isEmpty()) {
                return null;
            }
            Set<String> set = Set.copyOf(names);
            return a -> element.eval(a) instanceof String s ? (Object) set.contains(s) : FALLBACK;
        }
        if (list.getKind() == CelExpr.ExprKind.Kind.SELECT
                && !list.select().testOnly()
                && list.select().operand().getKind() == CelExpr.ExprKind.Kind.IDENT
                && list.select().operand().ident().name().equals("lists")) {
            String name = list.select().field();
            return a -> {
                Set<String> set = a.data().listSet(name);
                return set != null && element.eval(a) instanceof String s
                        ? (Object) set.contains(s)
                        : FALLBACK;
            };
        }
        return null;
    }

    /** Numbers with no doubt about how CEL compares them: no NaN, no signed zero. */
    private static boolean plain(double d) {
        return !Double.isNaN(d) && d != 0.0 || Double.doubleToRawLongBits(d) == 0L;
    }

    private static Object equal(Object l, Object r, boolean negated) {
        boolean eq;
        if (l instanceof String x && r instanceof String y) {
            eq = x.equals(y);
        } else if (l instanceof Boolean x && r instanceof Boolean y) {
            eq = x.equals(y);
        } else if (l instanceof Long x && r instanceof Long y) {
            eq = x.longValue() == y.longValue();
        } else if (l instanceof Double x && r instanceof Double y && plain(x) && plain(y)) {
            eq = x.doubleValue() == y.doubleValue();
        } else {
            return FALLBACK;
        }
        return eq != negated;
    }

    private enum Order {
        LT,
        LE,
        GT,
        GE
    }

    private static Object order(Object l, Object r, Order op) {
        int c;
        if (l instanceof Long x && r instanceof Long y) {
            c = Long.compare(x, y);
        } else {
            double x = exactDouble(l);
            double y = exactDouble(r);
            // NaN (not a number, or not exactly one) is not plain either: left to CEL
            if (!plain(x) || !plain(y)) {
                return FALLBACK;
            }
            c = Double.compare(x, y);
        }
        return switch (op) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }

    /** A double, or a long a double holds exactly, as a double; NaN for anything else. */
    private static double exactDouble(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Long n && Math.abs((double) n) < EXACT_LONG) {
            return n;
        }
        return Double.NaN;
    }

    private static Object plus(Object l, Object r) {
        if (l instanceof Double x && r instanceof Double y) {
            return x + y;
        }
        if (l instanceof Long x && r instanceof Long y) {
            long sum = x + y;
            // overflow: CEL gives an error
            return ((x ^ sum) & (y ^ sum)) < 0 ? FALLBACK : (Object) sum;
        }
        if (l instanceof String x && r instanceof String y) {
            return x + y;
        }
        return FALLBACK;
    }

    private static Object minus(Object l, Object r) {
        if (l instanceof Double x && r instanceof Double y) {
            return x - y;
        }
        if (l instanceof Long x && r instanceof Long y) {
            long diff = x - y;
            return ((x ^ y) & (x ^ diff)) < 0 ? FALLBACK : (Object) diff;
        }
        return FALLBACK;
    }

    private static Object times(Object l, Object r) {
        if (l instanceof Double x && r instanceof Double y) {
            return x * y;
        }
        if (l instanceof Long x && r instanceof Long y) {
            long hi = Math.multiplyHigh(x, y);
            long lo = x * y;
            return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? (Object) lo : FALLBACK;
        }
        return FALLBACK;
    }

    private static Direct negate(Direct operand) {
        return a -> {
            Object v = operand.eval(a);
            if (v instanceof Double d) {
                return -d;
            }
            return v instanceof Long n && n != Long.MIN_VALUE ? (Object) (-n) : FALLBACK;
        };
    }
}
