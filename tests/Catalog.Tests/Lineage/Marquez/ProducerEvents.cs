namespace TownLake.Catalog.Tests.Lineage.Marquez;

/// <summary>
/// OpenLineage events shaped the way real producers send them (the Spark listener, the Airflow provider with its parent
/// run facet, dbt, a replication tool on a second database server with the same table name, a Kafka producer).
/// </summary>
internal static class ProducerEvents
{
    public const string SparkRun = "0193a1b2-0000-7000-8000-00000000a001";
    public const string AirflowDagRun = "0193a1b2-0000-7000-8000-00000000b001";
    public const string AirflowTaskRun = "0193a1b2-0000-7000-8000-00000000b002";
    public const string DbtRun = "0193a1b2-0000-7000-8000-00000000c001";
    public const string DbtRunEarlier = "0193a1b2-0000-7000-8000-00000000c000";
    public const string ReplicaRun = "0193a1b2-0000-7000-8000-00000000d001";
    public const string KafkaRun = "0193a1b2-0000-7000-8000-00000000e001";

    public const string MainDb = "postgres://db.example.com:5432";
    public const string OtherDb = "postgres://other-db.example.com:5432";
    public const string Warehouse = "postgres://warehouse.example.com:5432";
    public const string Lake = "s3://lake";
    public const string Kafka = "kafka://broker.example.com:9092";
    public const string SparkJob = "orders_enrichment.execute_insert_into_hadoop_fs_relation_command.warehouse_orders_enriched";

    private const string OrdersSchema = """
        {"_producer":"https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/spark","_schemaURL":"https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet",
          "fields":[{"name":"order_id","type":"integer"},{"name":"customer_email","type":"string","description":"who ordered"},{"name":"amount","type":"decimal(10,2)"}]}
        """;

    public static string Spark(string eventType, string time) => Stamp($$$$$"""
        {"eventType":"{{{{{eventType}}}}}","eventTime":"{{{{{time}}}}}","producer":"https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/spark",
         "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
         "run":{"runId":"{{{{{SparkRun}}}}}","facets":{
            "spark_version":{"_producer":"https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/spark","_schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet","spark-version":"3.5.1"},
            "processing_engine":{"version":"3.5.1","name":"spark","openlineageAdapterVersion":"1.24.2"}}},
         "job":{"namespace":"spark-prod","name":"{{{{{SparkJob}}}}}","facets":{"jobType":{"processingType":"BATCH","integration":"SPARK","jobType":"SQL_JOB"}}},
         "inputs":[{"namespace":"{{{{{MainDb}}}}}","name":"shop.public.orders","facets":{"schema":ORDERS_SCHEMA}}],
         "outputs":[{"namespace":"{{{{{Lake}}}}}","name":"warehouse/orders_enriched","facets":{"schema":ORDERS_SCHEMA,
            "lifecycleStateChange":{"_producer":"https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/spark","_schemaURL":"https://openlineage.io/spec/facets/1-0-1/LifecycleStateChangeDatasetFacet.json","lifecycleStateChange":"OVERWRITE"},
            "columnLineage":{"fields":{"amount":{"inputFields":[{"namespace":"{{{{{MainDb}}}}}","name":"shop.public.orders","field":"amount"}]}}}},
          "outputFacets":{"outputStatistics":{"rowCount":10,"size":1024}}}]}
        """.Replace("ORDERS_SCHEMA", OrdersSchema, StringComparison.Ordinal));

    public static string AirflowTask(string eventType, string time) => Stamp($$$$$"""
        {"eventType":"{{{{{eventType}}}}}","eventTime":"{{{{{time}}}}}","producer":"https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
         "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
         "run":{"runId":"{{{{{AirflowTaskRun}}}}}","facets":{
            "nominalTime":{"nominalStartTime":"2026-11-20T06:00:00Z","nominalEndTime":"2026-11-21T06:00:00Z"},
            "parent":{"job":{"namespace":"airflow-prod","name":"orders_etl"},"run":{"runId":"{{{{{AirflowDagRun}}}}}"}}}},
         "job":{"namespace":"airflow-prod","name":"orders_etl.load_orders","facets":{
            "jobType":{"processingType":"BATCH","integration":"AIRFLOW","jobType":"TASK"},
            "sql":{"query":"INSERT INTO analytics.public.orders_daily SELECT * FROM shop.public.orders"},
            "sourceCodeLocation":{"type":"git","url":"https://github.com/example/dags/blob/main/orders_etl.py"}}},
         "inputs":[{"namespace":"{{{{{MainDb}}}}}","name":"shop.public.orders","facets":{"version":{"datasetVersion":"v41"}}}],
         "outputs":[{"namespace":"{{{{{MainDb}}}}}","name":"analytics.public.orders_daily","facets":{"schema":{"fields":[{"name":"day","type":"date"},{"name":"total","type":"numeric"}]}}}]}
        """);

    public static string Dbt(string runId, string time, string version) => Stamp($$$$$"""
        {"eventType":"COMPLETE","eventTime":"{{{{{time}}}}}","producer":"https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/dbt",
         "run":{"runId":"{{{{{runId}}}}}","facets":{"parent":{"job":{"namespace":"dbt","name":"dbt-run-jaffle_shop"},"run":{"runId":"0193a1b2-0000-7000-8000-00000000c0ff"}},
            "dbt_version":{"version":"1.8.0"}}},
         "job":{"namespace":"dbt","name":"jaffle_shop.model.jaffle_shop.customers","facets":{
            "jobType":{"processingType":"BATCH","integration":"DBT","jobType":"MODEL"},
            "sql":{"query":"select customer_id, first_name from jaffle.public.stg_customers"}}},
         "inputs":[{"namespace":"{{{{{Warehouse}}}}}","name":"jaffle.public.stg_customers","facets":{"schema":{"fields":[{"name":"customer_id","type":"integer"},{"name":"first_name","type":"text"}]}}}],
         "outputs":[{"namespace":"{{{{{Warehouse}}}}}","name":"jaffle.public.customers","facets":{"schema":{"fields":[{"name":"customer_id","type":"integer"},{"name":"first_name","type":"text"}]},
            "version":{"datasetVersion":"{{{{{version}}}}}"}}}]}
        """);

    /// <summary>A replication job on a second server whose table has the same name as the main server's.</summary>
    public static string Replica => Stamp($$$$$"""
        {"eventType":"COMPLETE","eventTime":"2026-11-20T11:00:00Z","producer":"https://example.test/replicator",
         "run":{"runId":"{{{{{ReplicaRun}}}}}"},
         "job":{"namespace":"replication","name":"orders_replica_sync"},
         "inputs":[],
         "outputs":[{"namespace":"{{{{{OtherDb}}}}}","name":"shop.public.orders","facets":{"schema":{"fields":[{"name":"order_id","type":"bigint"},{"name":"region","type":"text"}]}}}]}
        """);

    public static string KafkaProducer => Stamp($$$$$"""
        {"eventType":"COMPLETE","eventTime":"2026-11-20T12:00:00Z","producer":"https://example.test/flink","run":{"runId":"{{{{{KafkaRun}}}}}"},
         "job":{"namespace":"streaming","name":"clickstream_producer","facets":{"jobType":{"processingType":"STREAMING","integration":"FLINK","jobType":"JOB"}}},
         "inputs":[],"outputs":[{"namespace":"{{{{{Kafka}}}}}","name":"clicks","facets":{"schema":{"fields":[{"name":"user_id","type":"string"}]}}}]}
        """);

    /// <summary>
    /// Adds <c>_producer</c> and <c>_schemaURL</c> to every facet that lacks them, as the OpenLineage clients do when they
    /// send a facet (Marquez's spec requires both on every facet it returns).
    /// </summary>
    private static string Stamp(string json)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var producer = (string?)root["producer"];
        IEnumerable<System.Text.Json.Nodes.JsonNode?> FacetMaps()
        {
            yield return root["run"]?["facets"];
            yield return root["job"]?["facets"];
            foreach (var side in new[] { "inputs", "outputs" })
            {
                foreach (var dataset in root[side]?.AsArray() ?? [])
                {
                    yield return dataset?["facets"];
                    yield return dataset?["inputFacets"];
                    yield return dataset?["outputFacets"];
                }
            }
        }

        foreach (var facets in FacetMaps().OfType<System.Text.Json.Nodes.JsonObject>())
        {
            foreach (var (name, facet) in facets)
            {
                if (facet is System.Text.Json.Nodes.JsonObject body)
                {
                    body["_producer"] ??= producer;
                    body["_schemaURL"] ??= $"https://openlineage.io/spec/facets/1-0-0/{name}.json";
                }
            }
        }

        return root.ToJsonString();
    }

    /// <summary>Every event, in the order a day of producers would send them.</summary>
    public static IEnumerable<string> All()
    {
        yield return AirflowTask("START", "2026-11-20T06:01:00Z");
        yield return AirflowTask("COMPLETE", "2026-11-20T06:03:30Z");
        yield return Spark("START", "2026-11-20T09:00:00Z");
        yield return Spark("COMPLETE", "2026-11-20T09:04:00Z");
        yield return Dbt(DbtRunEarlier, "2026-11-19T10:05:00Z", "dbt-run-6");
        yield return Dbt(DbtRun, "2026-11-20T10:05:00Z", "dbt-run-7");
        yield return Replica;
        yield return KafkaProducer;
    }
}
