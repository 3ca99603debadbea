/**
 * crmkit on PostgreSQL: the crm-core stores through a host-supplied {@link javax.sql.DataSource}, and
 * segments, RFM, lifecycle stages and dashboard reports compiled to SQL.
 */
@NullMarked
package io.crmkit.jdbc;

import org.jspecify.annotations.NullMarked;
