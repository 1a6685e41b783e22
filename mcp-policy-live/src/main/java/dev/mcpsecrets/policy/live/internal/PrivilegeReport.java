package dev.mcpsecrets.policy.live.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a database says an account may do, in one shape for both database families.
 *
 * @param account the account as the server names it, e.g. {@code app@%} or {@code app}
 * @param superuser why the account is a superuser ({@code root}, {@code rolsuper}), or empty
 * @param administrative privileges that administer the server rather than use data (e.g.
 *     {@code SUPER}, {@code FILE}, {@code GRANT OPTION}, {@code CREATEROLE}), per scope
 * @param data privileges on data and schema objects, per scope
 */
record PrivilegeReport(String account, Optional<String> superuser, List<Held> administrative, List<Held> data) {

    /**
     * Privileges held on one scope.
     *
     * @param scope e.g. {@code `test`.*}, {@code *.*}, {@code schema app (3 tables)}, {@code server}
     * @param privileges the privilege names, upper case, in a stable order
     */
    record Held(String scope, List<String> privileges) {
        Held {
            Objects.requireNonNull(scope, "scope");
            privileges = List.copyOf(privileges);
        }
    }

    /** Turns privileges collected per scope (in insertion order) into {@link Held} values. */
    static List<Held> byScope(java.util.Map<String, ? extends java.util.Collection<String>> byScope) {
        List<Held> out = new java.util.ArrayList<>();
        byScope.forEach((scope, privileges) -> out.add(new Held(scope, List.copyOf(privileges))));
        return out;
    }

    PrivilegeReport {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(superuser, "superuser");
        administrative = List.copyOf(administrative);
        data = List.copyOf(data);
    }
}
