/**
 * Continuous compaction, snapshot expiry and orphan-file removal beside the streaming writer,
 * shaped as planner, plan and runner. The maintenance work itself lands with its own issue; the
 * module exists now so that the dependency direction (ui-api -> compaction -> catalog) is fixed.
 */
package io.tributary.compaction;
