package dev.sluice.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Changes deep inside an object schema, to derive an older version's schema from the newest. */
final class SchemaEdits {

    private SchemaEdits() {
    }

    /**
     * Applies {@code change} to the field at {@code path}; a null result removes the field. A field
     * missing at the last step is passed to {@code change} as null, so it can be added.
     */
    static Schema.Obj edit(Schema.Obj obj, String path, UnaryOperator<Field> change) {
        int dot = path.indexOf('.');
        String head = dot < 0 ? path : path.substring(0, dot);
        boolean intoItems = head.endsWith("[]");
        String name = intoItems ? head.substring(0, head.length() - 2) : head;
        List<Field> fields = new ArrayList<>(obj.fields());
        int at = obj.fieldNames().indexOf(name);
        if (dot < 0 && !intoItems) {
            Field changed = change.apply(at < 0 ? null : fields.get(at));
            if (at >= 0 && changed == null) {
                fields.remove(at);
            } else if (at >= 0) {
                fields.set(at, changed);
            } else if (changed != null) {
                fields.add(changed);
            }
            return new Schema.Obj(fields, obj.unknown(), obj.oneOf(), obj.atMostOne());
        }
        if (at < 0) {
            throw new IllegalArgumentException("no field '" + name + "' to edit in path " + path);
        }
        if (dot < 0) {
            throw new IllegalArgumentException("path " + path + " ends inside a list; name a field of its items");
        }
        String rest = path.substring(dot + 1);
        Field f = fields.get(at);
        Schema inner = f.schema();
        if (intoItems) {
            if (!(inner instanceof Schema.ListOf list) || !(list.items() instanceof Schema.Obj item)) {
                throw new IllegalArgumentException("'" + name + "' is not a list of objects in path " + path);
            }
            inner = new Schema.ListOf(edit(item, rest, change), list.minItems(), list.maxItems());
        } else if (inner instanceof Schema.Obj o) {
            inner = edit(o, rest, change);
        } else {
            throw new IllegalArgumentException("'" + name + "' is not an object in path " + path);
        }
        fields.set(at, f.withSchema(inner));
        return new Schema.Obj(fields, obj.unknown(), obj.oneOf(), obj.atMostOne());
    }
}
