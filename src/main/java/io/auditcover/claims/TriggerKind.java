package io.auditcover.claims;

/**
 * How a cover pays. Parametric: a confirmed incident on the protocol pays every active cover a fixed
 * share of its amount, with no claim filed. Indemnity: the holder files a claim and proves the loss
 * from chain facts.
 */
public enum TriggerKind {
    PARAMETRIC,
    INDEMNITY
}
