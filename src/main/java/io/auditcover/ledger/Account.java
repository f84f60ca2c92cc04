package io.auditcover.ledger;

import io.auditcover.money.Asset;

/** A named account in one asset, e.g. {@code pool/alpha/capital}. */
public record Account(String name, Asset asset) implements Comparable<Account> {
    public static final String EXTERNAL = "external";

    public Account {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("account needs a name");
        }
        if (asset == null) {
            throw new IllegalArgumentException("account needs an asset");
        }
    }

    /** The outside world for one asset: money enters and leaves the books only through it. */
    public static Account external(Asset asset) {
        return new Account(EXTERNAL, asset);
    }

    public static Account poolCapital(String poolId, Asset asset) {
        return new Account("pool/" + poolId + "/capital", asset);
    }

    public static Account poolUnearnedPremium(String poolId, Asset asset) {
        return new Account("pool/" + poolId + "/unearned-premium", asset);
    }

    /** Capital withdrawn from the pool and held back for its incident report window; not capital, but not yet paid out. */
    public static Account poolWithdrawalsHeld(String poolId, Asset asset) {
        return new Account("pool/" + poolId + "/withdrawals-held", asset);
    }

    /** What a reinsurer has been paid in premium for the pools' layers. */
    public static Account reinsurer(String reinsurer, Asset asset) {
        return new Account("reinsurer/" + reinsurer, asset);
    }

    /** Premium a pool that owes unpaid claims earned, set aside from its capital until it pays them (once an engine day). */
    public static Account poolSetAsideForUnpaidClaims(String poolId, Asset asset) {
        return new Account("pool/" + poolId + "/set-aside-for-unpaid-claims", asset);
    }

    /** What the books have paid a policy holder outside its claims' payouts, e.g. its deductible back from a recovery. */
    public static Account holderWallet(String holder, Asset asset) {
        return new Account("holder/" + holder + "/wallet", asset);
    }

    /** What the insurer paid a wallet directly: a protocol-bought cover's depositors are paid here, each by its address. */
    public static Account wallet(String address, Asset asset) {
        return new Account("wallet/" + address, asset);
    }

    /** Claim deposits and appeal bonds, waiting for the assessors' outcome. */
    public static Account claimDeposits(Asset asset) {
        return new Account("claims/deposits", asset);
    }

    /** Assessors' stakes. */
    public static Account assessorStakes(Asset asset) {
        return new Account("assessors/stakes", asset);
    }

    /** Slashed stakes waiting out the assessment cooldown. */
    public static Account assessorSlashesHeld(Asset asset) {
        return new Account("assessors/slashes-held", asset);
    }

    public boolean isExternal() {
        return name.equals(EXTERNAL);
    }

    @Override
    public int compareTo(Account other) {
        int byAsset = asset.code().compareTo(other.asset.code());
        return byAsset != 0 ? byAsset : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name + "[" + asset.code() + "]";
    }
}
