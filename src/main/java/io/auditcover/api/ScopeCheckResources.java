package io.auditcover.api;

import io.auditcover.access.Principal;
import io.auditcover.api.Route.Call;
import io.auditcover.api.Route.Reply;
import io.auditcover.engine.Command;
import io.auditcover.evidence.CodeObservation;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Identifiers;
import io.auditcover.evidence.OutOfScopeReason;
import io.auditcover.evidence.ScopeCheck;
import java.util.Arrays;
import java.util.Set;

/**
 * Eligibility without the chain watcher, for operators: a code observation read from a node elsewhere (what
 * {@code ./auditcover chain check} prints, posted by it with {@code --record} or by a tool) and an operator's scope check with
 * its evidence. Both are recorded at their block; claims on an incident at that block read them first.
 */
final class ScopeCheckResources {
    private static final int HASH_LENGTH = 66;
    private final Resources resources;

    ScopeCheckResources(Resources resources) {
        this.resources = resources;
    }

    Reply recordCodeObservation(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("chain_id", "block", "block_hash", "address", "code_hash", "has_code",
                "implementation", "matched_audit_id", "matched_normalized_code_hash", "observer", "evidence"));
        long chainId = body.integer("chain_id", 1, Long.MAX_VALUE);
        long block = body.integer("block", 0, Long.MAX_VALUE);
        String blockHash = body.text("block_hash", HASH_LENGTH);
        String address = body.address("address");
        String codeHash = body.text("code_hash", HASH_LENGTH);
        boolean hasCode = !body.has("has_code") || body.bool("has_code");
        String matched = optional(body, "matched_audit_id", Identifiers.ID_LENGTH_MAX);
        String normalized = optional(body, "matched_normalized_code_hash", HASH_LENGTH);
        String observer = body.text("observer", Identifiers.ID_LENGTH_MAX);
        String evidence = body.text("evidence", ScopeCheck.EVIDENCE_LENGTH_MAX);
        var observation = Resources.valid(() -> {
            DeployedContract.ProxyImplementation implementation = null;
            if (body.has("implementation")) {
                var proxy = body.object("implementation", Set.of("address", "code_hash"));
                implementation = new DeployedContract.ProxyImplementation(proxy.address("address"), proxy.text("code_hash", HASH_LENGTH));
            }
            return new CodeObservation(chainId + ":" + address, codeHash, hasCode, implementation, matched, normalized);
        });
        return resources.submit(call, id -> new Command.RecordCodeObservation(id, chainId, block, blockHash, observation, observer, evidence));
    }

    Reply recordScopeCheck(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("chain_id", "address", "block", "in_scope", "audit_id", "reason", "evidence",
                "checked_by"));
        long chainId = body.integer("chain_id", 1, Long.MAX_VALUE);
        String address = body.address("address");
        long block = body.integer("block", 0, Long.MAX_VALUE);
        boolean inScope = body.bool("in_scope");
        String auditId = optional(body, "audit_id", Identifiers.ID_LENGTH_MAX);
        String reasonText = optional(body, "reason", Limits.TEXT_LENGTH_MAX);
        OutOfScopeReason reason = reasonText == null ? null : Arrays.stream(OutOfScopeReason.values()).filter(r -> r.wire().equals(reasonText))
                .findFirst().orElseThrow(() -> ApiException.malformed("reason", "reason must be one of "
                        + Arrays.stream(OutOfScopeReason.values()).map(OutOfScopeReason::wire).toList()));
        String evidence = body.text("evidence", ScopeCheck.EVIDENCE_LENGTH_MAX);
        String checkedBy = body.has("checked_by") ? body.text("checked_by", Identifiers.ID_LENGTH_MAX) : operatorName(call);
        return resources.submit(call, id -> new Command.RecordScopeCheck(id, chainId + ":" + address, block, inScope, auditId, reason,
                checkedBy, evidence));
    }

    private static String optional(RequestBody body, String name, int lengthMax) {
        return body.has(name) ? body.text(name, lengthMax) : null;
    }

    /** The operator's key name when it is a party id, else {@code operator}. */
    private static String operatorName(Call call) {
        return call.principal() instanceof Principal.Operator operator && Identifiers.isParty(operator.keyName()) ? operator.keyName()
                : "operator";
    }
}
