/** The request gateway (Kafka Streams) and the command line (placeholder until the gateway lands). */
package dev.uniworld.producers;
