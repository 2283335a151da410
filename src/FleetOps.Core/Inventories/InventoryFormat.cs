using System.Text.Json.Serialization;

namespace FleetOps.Core.Inventories;

/// <summary>The inventory file formats FleetOps reads. Names are pinned so they stay the same under any JSON options.</summary>
public enum InventoryFormat
{
    /// <summary>FleetOps' own defaults/groups/hosts document, as JSON or YAML.</summary>
    [JsonStringEnumMemberName("native")] Native,

    /// <summary>Prometheus file_sd: <c>[ { "targets": [...], "labels": {...} } ]</c>.</summary>
    [JsonStringEnumMemberName("file-sd")] FileSd,

    [JsonStringEnumMemberName("ansible-ini")] AnsibleIni,
    [JsonStringEnumMemberName("ansible-yaml")] AnsibleYaml,
}
