/**
 * The Ethereum adapter (web3j over JSON-RPC). A {@link io.auditcover.chain.ChainReader} reads code,
 * storage, calls, balances and logs at a block; a {@link io.auditcover.chain.ContractInspector} turns one
 * registered contract at one block into a {@link io.auditcover.evidence.CodeObservation} (code hash, the
 * implementation behind an ERC-1967, beacon or EIP-1822 proxy, and the audit whose scope covers it, by
 * code hash or by compiled artifact, see {@link io.auditcover.chain.CodeMatcher}); the
 * {@link io.auditcover.chain.ChainWatcher} follows confirmed blocks and submits those observations to the
 * engine; {@link io.auditcover.chain.Web3ChainFacts} answers claims' questions about balances and
 * transfers, and {@link io.auditcover.chain.LossProofs} turns them into an indemnity claim's loss evidence:
 * the declared wallet's balance of the cover's asset (an {@link io.auditcover.chain.AssetToken}: an ERC-20
 * or the native coin) before and after the incident. Signed statements are EIP-712 typed data in one
 * {@link io.auditcover.chain.SigningDomain} (the deployment's id as salt, the chain the statement is about):
 * {@link io.auditcover.chain.IncidentStatements} from oracles, {@link io.auditcover.chain.InsuranceConsents} from
 * wallets that agree to be insured by a buyer.
 */
package io.auditcover.chain;
