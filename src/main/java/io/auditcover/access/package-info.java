/**
 * Who is calling. A {@link io.auditcover.access.Principal} is anonymous, a wallet (an underwriter or
 * buyer, or an assessor the operators named) signed in with Ethereum, or an operator holding an API key.
 * {@link io.auditcover.access.AccessStore} keeps API key hashes and assessors in their own SQLite file;
 * {@link io.auditcover.access.SignInWithEthereum} checks EIP-4361 messages and issues short-lived
 * {@link io.auditcover.access.SessionTokens}. What each principal may do is decided in the api package.
 */
package io.auditcover.access;
