/**
 * The server's SQLite database: one writer and one reader thread, the schema, and one data-access
 * class per service.
 */
package dev.parley.server.store;
