namespace FleetOps.Testing.Fuzz;

/// <summary>
/// Valid requests of every contract the edge reads, the seeds the mutators start from. Every node is on loopback and
/// refuses at once (ports 1 to 3), so a mutant that is still valid starts a cheap run. <see cref="StoredInventory"/>
/// is the inventory a fuzz run uploads first, for the requests that name one.
/// </summary>
public static class RequestCorpus
{
    public const string StoredInventory = "fuzz-inv";

    public static readonly string[] Sweeps =
    [
        """{"requestId":"fuzz-sweep","name":"fuzz","targets":[{"name":"a","address":"127.0.0.1:1","labels":{"group":"web","zone":"a"}},{"name":"b","address":"127.0.0.1:2","checks":[{"kind":"tcp"}]}],"checks":[{"kind":"tcp","timeoutMs":200},{"kind":"http","path":"/health","expectStatus":[200,204],"conditions":["[STATUS] == 200","[RESPONSE_TIME] < 300"]}],"options":{"batchSize":25,"concurrency":4,"timeoutMs":200,"attempts":1}}""",
        """{"targets":[{"name":"c","address":"127.0.0.1:3"}],"checks":[{"kind":"http","url":"http://127.0.0.1:3/x","method":"POST","headers":{"X-A":"1"},"body":"{}","conditions":["[BODY].status == UP"]}],"options":{"timeoutMs":100,"attempts":2,"chunkBatches":50}}""",
        """{"name":"dns-tls","targets":[{"name":"d","address":"127.0.0.1:1"}],"checks":[{"kind":"dns","name":"a.test","recordType":"A","resolver":"127.0.0.1:1"},{"kind":"tls","port":1,"insecure":true,"serverName":"x.test","conditions":["[CERTIFICATE_EXPIRATION] > 48h"]}],"options":{"timeoutMs":100}}""",
        $$"""{"inventory":"{{StoredInventory}}","selector":"group=web","checks":[{"kind":"tcp","send":"PING\r\n","expect":"PONG"}]}""",
        """{"inventoryInline":{"format":"ansible-ini","content":"[web]\n127.0.0.1 ansible_port=1\n"},"selector":"group=web,zone!=b","checks":[{"kind":"tcp"}]}""",
    ];

    public static readonly string[] Rollouts =
    [
        """{"requestId":"fuzz-rollout","name":"deploy","targets":[{"name":"r1","address":"127.0.0.1:1","labels":{"group":"web"}},{"name":"r2","address":"127.0.0.1:2"}],"action":{"method":"POST","url":"http://{{address}}/deploy","headers":{"X-Version":"2"},"body":"{\"v\":\"{{name}}\"}","expectStatus":[200,202],"timeoutMs":200,"retries":0},"waves":[1,"50%"],"concurrency":2,"gate":{"checks":[{"kind":"http","path":"/health"}],"passes":1,"intervalSeconds":1,"deadlineSeconds":2},"budgets":{"actionFailures":"50%","gateFailures":1,"onExceeded":"halt"},"approval":{"mode":"none"},"preflight":false}""",
        """{"targets":[{"name":"r3","address":"127.0.0.1:3"}],"action":{"url":"http://{{host}}:{{port}}/x","timeoutMs":100},"canary":1,"batchSize":1,"rollback":{"url":"http://{{address}}/rollback"},"budgets":{"onExceeded":"rollback"}}""",
        $$$"""{"inventory":"{{{StoredInventory}}}","selector":"group=web","action":{"url":"http://{{address}}/x","timeoutMs":100},"approval":{"mode":"every-wave","timeoutSeconds":60}}""",
        """{"inventoryInline":{"format":"file-sd","content":"[{\"targets\":[\"127.0.0.1:2\"],\"labels\":{\"group\":\"db\"}}]"},"action":{"url":"http://{{address}}/x","timeoutMs":100}}""",
    ];

    public static readonly string[] ControlBodies = ["""{"by":"alice","reason":"looks good"}""", """{"by":"bob"}""", "{}"];

    public static readonly string[] RetuneBodies =
    [
        """{"concurrency":4,"budgets":{"actionFailures":"10%","gateFailures":2,"onExceeded":"halt"},"by":"carol"}""",
        """{"concurrency":1}""",
        """{"budgets":{"gateFailures":"50%"}}""",
    ];

    /// <summary>Monitor definitions (PUT of a monitor, as the monitors slice will read it), on loopback.</summary>
    public static readonly string[] Monitors =
    [
        """{"name":"edge","targets":[{"name":"gw-1","address":"127.0.0.1:1"},{"name":"web-1","address":"127.0.0.1:2","labels":{"parent":"gw-1"}}],"checks":[{"kind":"tcp"},{"kind":"http","path":"/health","conditions":["[STATUS] == 200"]}],"options":{"timeoutMs":200,"attempts":2},"interval":"30s","timeZone":"Europe/Paris","failureThreshold":3,"successThreshold":2,"notifiers":[{"name":"ops","sendOnResolved":true,"repeatEvery":"4h"},{"name":"pager"}],"maintenance":[{"cron":"0 2 * * SUN","duration":"2h"},{"from":"2026-12-01T22:00:00Z","until":"2026-12-02T02:00:00+01:00"}],"uptimeIncludesMaintenance":false,"paused":false,"labels":{"fleetops.io/applied-from":"monitors.yaml"}}""",
        $$"""{"name":"inv","inventory":"{{StoredInventory}}","selector":"group=web","checks":[{"kind":"tcp"}],"interval":"1m"}""",
    ];

    /// <summary>Notifier definitions of each kind; secrets by setting name or inline, all addresses on loopback.</summary>
    public static readonly string[] Notifiers =
    [
        """{"kind":"webhook","url":"http://127.0.0.1:9000/hook","signingKey":{"fromSetting":"HOOK_KEY"},"headers":{"Authorization":{"fromSetting":"HOOK_AUTH"},"X-Team":"ops"}}""",
        """{"kind":"slack","url":"http://127.0.0.1:1/services/T000/B000/XXXX","labels":{"owner":"ops"}}""",
        """{"kind":"teams","url":"http://127.0.0.1:1/webhookb2/abc"}""",
        """{"kind":"pagerduty","routingKey":"R0123456789abcdef0123456789abcde","url":"http://127.0.0.1:1/v2/enqueue","severity":"error"}""",
        """{"kind":"alertmanager","url":"http://127.0.0.1:9093","alertLabels":{"team":"net","severity":"page"},"holdFor":"12h","headers":{"Authorization":"Basic eDp5"}}""",
    ];

    /// <summary>An inventory in each format: (format, text). JSON ones are mutated as JSON too.</summary>
    public static readonly (string Format, string Text)[] Inventories =
    [
        ("native", """
            defaults: { port: 1, labels: { env: prod }, checks: [ { kind: tcp } ] }
            groups:
              web: { labels: { tier: front }, checks: [ { kind: http, path: /health } ] }
              db:  { port: 2 }
            hosts:
              - { name: web-1, address: 127.0.0.1, groups: [web], labels: { zone: a } }
              - { name: db-1, address: "127.0.0.1:3", groups: [db] }
            """),
        ("native", """{"defaults":{"port":1},"groups":{"web":{"labels":{"tier":"front"}}},"hosts":[{"name":"web-1","address":"127.0.0.1","groups":["web"]},{"name":"db-1","address":"127.0.0.1:2"}]}"""),
        ("file-sd", """[{"targets":["127.0.0.1:1","127.0.0.1:2"],"labels":{"group":"web","__meta_x":"dropped"}},{"targets":["127.0.0.1:3"]}]"""),
        ("ansible-ini", """
            127.0.0.1 ansible_port=1
            [web]
            web[01:03].test ansible_host=127.0.0.1 ansible_port=2 role="front end"
            [db]
            db-[a:b] ansible_host=127.0.0.1
            [prod:children]
            web
            db
            [prod:vars]
            env=prod
            """),
        ("ansible-yaml", """
            all:
              vars: { env: prod }
              children:
                web:
                  hosts:
                    web[01:03].test: { ansible_host: 127.0.0.1, ansible_port: 1 }
                  vars: { tier: front }
                db:
                  hosts:
                    db-1: { ansible_host: 127.0.0.1, ansible_port: 2 }
            """),
    ];

    public static readonly string[] Selectors = ["group=web", "group=web,zone!=b", "env in (prod,staging)", "env notin (dev)", "tier", "!tier", "group="];

    public static readonly string[] InventoryFormats = ["native", "file-sd", "ansible-ini", "ansible-yaml"];
}
