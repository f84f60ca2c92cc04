package io.auditcover.access;

/**
 * What kind of caller: anyone, a wallet (underwriter or buyer: the same role, told apart only by what
 * it owns), an assessor wallet (reads every cover and claim, moves no money), or an operator.
 */
public enum Role {
    ANONYMOUS, WALLET, ASSESSOR, OPERATOR
}
