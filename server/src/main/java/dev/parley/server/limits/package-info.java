/** Rate limits shared by the network side and the services: token buckets, alone or by key. */
package dev.parley.server.limits;
