package io.auditcover.api;

import io.auditcover.money.Money;

/**
 * The pricing seam: a pure function of a published view. A pricing model slots in by implementing this;
 * a refusal is thrown as the {@link ApiException} of the engine rejection buying would get.
 */
interface Quoter {
    Quote quote(ReadView view, String poolId, String protocolId, Money amount, int periodDays);
}
