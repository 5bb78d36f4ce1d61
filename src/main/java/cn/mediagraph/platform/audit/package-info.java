/**
 * The audit log: an append-only record of every mutation made in a media center (who, which
 * mutation, which objects, when, with what outcome, under which request id), written by a
 * wrapper around every Mutation field, so features record nothing themselves; read by the
 * center's ADMIN from the search index ({@code auditLog}). Nothing in the API changes or
 * deletes an entry.
 */
@org.jspecify.annotations.NullMarked
package cn.mediagraph.platform.audit;
