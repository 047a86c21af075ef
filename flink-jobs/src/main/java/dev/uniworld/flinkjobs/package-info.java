/** The generation pipeline job: one Flink operator per model stage (placeholder until the pipeline lands). */
package dev.uniworld.flinkjobs;
