package dev.sluice.api.schema;

import java.util.List;

/**
 * A field of a referrer object that holds the name of another object (the referral): when the
 * referral is renamed (name prefix, hash suffix), the field must follow.
 *
 * @param referral the kind of the object named by the field
 * @param referrer the kinds holding the field
 * @param path the field path from the referrer's root; list segments apply to every element. The
 *     field is a name string, a list of names, or an object (or list of objects) with a {@code
 *     name} (and optional {@code namespace}) field, such as RBAC subjects
 */
public record NameReference(KindPattern referral, KindPattern referrer, List<String> path) {
    public NameReference {
        path = List.copyOf(path);
    }
}
