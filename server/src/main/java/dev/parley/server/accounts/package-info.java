/**
 * Accounts: register, login, change password and logout, with the failed-login and registration
 * throttles, the hashing budgets and the fair bcrypt pool.
 */
package dev.parley.server.accounts;
