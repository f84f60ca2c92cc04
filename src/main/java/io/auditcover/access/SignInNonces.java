package io.auditcover.access;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sign-in nonces a server has handed out and not yet seen used: each good once, until its expiry. One server keeps them in
 * memory ({@link #inMemory}); instances sharing a PostgreSQL log keep them in the shared access store
 * ({@link AccessStore#sharedSignInNonces}), so a wallet may fetch its nonce from one instance and sign in on another.
 */
public interface SignInNonces {
    /** Records a fresh nonce; false when {@code outstandingMax} unexpired nonces are already out. */
    boolean issue(String nonce, Instant expiry, Instant now, int outstandingMax);

    /** Whether {@code nonce} was issued and is neither used nor expired at {@code now}. */
    boolean live(String nonce, Instant now);

    /** Uses {@code nonce} up: true exactly once, for a live nonce, however many callers race for it. */
    boolean use(String nonce, Instant now);

    /** Nonces of this process only: a restart forgets them. */
    static SignInNonces inMemory() {
        var nonces = new ConcurrentHashMap<String, Instant>();
        return new SignInNonces() {
            @Override
            public boolean issue(String nonce, Instant expiry, Instant now, int outstandingMax) {
                if (nonces.size() >= outstandingMax) {
                    nonces.values().removeIf(old -> !now.isBefore(old));
                    if (nonces.size() >= outstandingMax) {
                        return false;
                    }
                }
                nonces.put(nonce, expiry);
                return true;
            }

            @Override
            public boolean live(String nonce, Instant now) {
                Instant expiry = nonces.get(nonce);
                return expiry != null && now.isBefore(expiry);
            }

            @Override
            public boolean use(String nonce, Instant now) {
                Instant expiry = nonces.remove(nonce);
                return expiry != null && now.isBefore(expiry);
            }
        };
    }
}
