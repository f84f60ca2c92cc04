package io.auditcover.access;

/**
 * What kind of caller: anyone, a wallet (underwriter or buyer: the same role, told apart only by what
 * it owns), an assessor wallet (reads every cover and claim, moves no money), an operator, or an auditor (an API key that
 * reads what staff and operators read, for the people who audit the insurer, and writes nothing).
 */
public enum Role {
    ANONYMOUS, WALLET, ASSESSOR, OPERATOR, AUDITOR
}
