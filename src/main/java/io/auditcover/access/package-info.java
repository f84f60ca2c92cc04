/**
 * Who is calling. A {@link io.auditcover.access.Principal} is anonymous, a wallet (an underwriter or
 * buyer, or an assessor the operators named) signed in with Ethereum, or an operator holding an API key.
 * {@link io.auditcover.access.AccessStore} keeps API key hashes and assessors in their own SQLite file;
 * {@link io.auditcover.access.SignInWithEthereum} checks EIP-4361 messages and issues short-lived
 * {@link io.auditcover.access.SessionTokens}, which name a wallet but not its role: the role is looked up on every
 * request. {@link io.auditcover.access.Addresses} turns typed addresses (lower case or EIP-55 checksummed) into the
 * lower-case form parties are named by. What each principal may do is decided in the api package.
 */
package io.auditcover.access;
