package io.auditcover.api;

import io.auditcover.access.Principal;
import io.auditcover.access.Role;
import io.auditcover.claims.Claim;
import io.auditcover.cover.Cover;
import io.auditcover.pool.WithdrawalRequest;
import java.util.Optional;

/**
 * The one place that decides who may call a route: its {@link Rule} for the caller's role, then, for a
 * route about one owned thing, whether the caller owns it. Owners act on their own things; staff
 * (operators and assessors) may read anyone's but move nobody's money. Lists are scoped here too.
 */
final class Authorization {

    /** Who may call a route at all. */
    enum Rule {
        /** Anyone, signed in or not. */
        PUBLIC,
        /** Any signed-in caller; lists show a wallet only its own things. */
        SIGNED_IN,
        /** A buyer's or underwriter's wallet acting for itself (not an assessor, not an operator). */
        WALLET,
        /** Operators and assessors. */
        STAFF,
        /** An assessor's wallet, voting for itself. */
        ASSESSOR,
        OPERATOR,
        /**
         * A wallet acting on its own thing, or the operator acting on anyone's: what the operator declares for a protocol on
         * every cover it touched (reimbursements), and each holder on its own cover.
         */
        WALLET_OR_OPERATOR
    }

    /** The owned thing a route is about, named by a path parameter. */
    enum Owner {
        NONE(null), COVER("coverId"), CLAIM("claimId"), WITHDRAWAL("requestId");

        final String pathParameter;

        Owner(String pathParameter) {
            this.pathParameter = pathParameter;
        }
    }

    private Authorization() {
    }

    /** Throws 401, 403 or 404 unless the principal may call the route on this thing. */
    static void check(Rule rule, Owner owner, boolean reading, Principal principal, ReadView view, String pathValue) {
        Role role = principal.role();
        // An auditor reads whatever staff or operators may read, and writes nothing (a public write is anyone's).
        boolean allowed = role == Role.AUDITOR ? rule == Rule.PUBLIC || reading && auditorReads(rule) : switch (rule) {
            case PUBLIC -> true;
            case SIGNED_IN -> role != Role.ANONYMOUS;
            case WALLET -> role == Role.WALLET;
            case STAFF -> role == Role.OPERATOR || role == Role.ASSESSOR;
            case ASSESSOR -> role == Role.ASSESSOR;
            case OPERATOR -> role == Role.OPERATOR;
            case WALLET_OR_OPERATOR -> role == Role.WALLET || role == Role.OPERATOR;
        };
        if (!allowed) {
            throw role == Role.ANONYMOUS ? ApiException.unauthenticated("sign in or present an API key")
                    : ApiException.forbidden("a " + Views.lower(role) + " may not do this");
        }
        if (owner == Owner.NONE) {
            return;
        }
        String ownerId = ownerOf(owner, view, pathValue);
        boolean owns = principal instanceof Principal.Wallet wallet && wallet.address().equals(ownerId);
        boolean staffReading = reading && seesAll(principal);
        boolean operatorForAnyone = rule == Rule.WALLET_OR_OPERATOR && role == Role.OPERATOR;
        if (!owns && !staffReading && !operatorForAnyone) {
            throw ApiException.forbidden("this " + Views.lower(owner) + " belongs to someone else");
        }
    }

    /** The rules of the reads an auditor may make: those open to any signed-in caller, to staff, or to operators. */
    private static boolean auditorReads(Rule rule) {
        return switch (rule) {
            case PUBLIC, SIGNED_IN, STAFF, OPERATOR -> true;
            case WALLET, ASSESSOR, WALLET_OR_OPERATOR -> false;
        };
    }

    /** Operators, assessors and auditors see every cover, claim and position; anyone else only its own. */
    static boolean seesAll(Principal principal) {
        return principal.role() == Role.OPERATOR || principal.role() == Role.ASSESSOR || principal.role() == Role.AUDITOR;
    }

    /** The party a list is limited to: empty for staff, the wallet's own address otherwise. */
    static Optional<String> scope(Principal principal) {
        if (seesAll(principal)) {
            return Optional.empty();
        }
        if (principal instanceof Principal.Wallet wallet) {
            return Optional.of(wallet.address());
        }
        throw ApiException.unauthenticated("sign in or present an API key");
    }

    static long id(String name, String value) {
        if (value == null || !value.matches("[0-9]{1,18}")) {
            throw ApiException.malformed(name, name + " must be a positive integer");
        }
        return Long.parseLong(value);
    }

    private static String ownerOf(Owner owner, ReadView view, String pathValue) {
        long id = id(owner.pathParameter, pathValue);
        return switch (owner) {
            case COVER -> Optional.ofNullable(view.covers().get(id)).map(Cover::holder)
                    .orElseThrow(() -> ApiException.notFound("cover", pathValue));
            case CLAIM -> Optional.ofNullable(view.claims().get(id)).map(Claim::holder)
                    .orElseThrow(() -> ApiException.notFound("claim", pathValue));
            case WITHDRAWAL -> Optional.ofNullable(view.withdrawals().get(id)).map(WithdrawalRequest::underwriter)
                    .orElseThrow(() -> ApiException.notFound("withdrawal request", pathValue));
            case NONE -> throw new IllegalStateException("no owner to look up");
        };
    }
}
