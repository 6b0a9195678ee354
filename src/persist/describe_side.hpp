#pragma once
// describe() for the stores of the services around ECS (Secrets Manager, SSM Parameter Store,
// CloudWatch Logs), included by describe.hpp before the codec templates that call it. The same
// rule as there: a member left out here is lost at a restart.
#include "berth/model/log_store.hpp"
#include "berth/model/parameters.hpp"
#include "berth/model/secrets.hpp"
#include "codec.hpp"

namespace berth::persist::codec {

template <>
inline constexpr bool k_described<model::SecretVersion> = true;
template <class V>
void describe(V& v, model::SecretVersion& x) {
    v("id", x.id);
    v("stages", x.stages);
    v("payload", x.payload);
    v("created", x.created);
    v("lastAccessed", x.last_accessed);
}

template <>
inline constexpr bool k_described<model::StoredSecret> = true;
template <class V>
void describe(V& v, model::StoredSecret& x) {
    v("arn", x.arn);
    v("name", x.name);
    v("description", x.description);
    v("kmsKeyId", x.kms_key_id);
    v("tags", x.tags);
    v("versions", x.versions);
    v("created", x.created);
    v("lastChanged", x.last_changed);
    v("lastAccessed", x.last_accessed);
    v("deleted", x.deleted);
    v("deletionDate", x.deletion_date);
}

template <>
inline constexpr bool k_described<model::ParameterVersion> = true;
template <class V>
void describe(V& v, model::ParameterVersion& x) {
    v("version", x.version);
    v("type", x.type);
    v("tier", x.tier);
    v("value", x.value);
    v("description", x.description);
    v("allowedPattern", x.allowed_pattern);
    v("dataType", x.data_type);
    v("keyId", x.key_id);
    v("labels", x.labels);
    v("lastModified", x.last_modified);
    v("lastModifiedUser", x.last_modified_user);
}

template <>
inline constexpr bool k_described<model::Parameter> = true;
template <class V>
void describe(V& v, model::Parameter& x) {
    v("name", x.name);
    v("versions", x.versions);
    v("tags", x.tags);
}

// A group without its streams: each stream is an entity of its own (stores.cpp).
template <>
inline constexpr bool k_described<model::LogGroup> = true;
template <class V>
void describe(V& v, model::LogGroup& x) {
    v("name", x.name);
    v("creationMs", x.creation_ms);
    v("retentionDays", x.retention_days);
    v("tags", x.tags);
}

// A stream without its events, which are kept in chunks (stores.cpp). `id` is the store's
// own bookkeeping and is given anew at restore.
template <>
inline constexpr bool k_described<model::LogStream> = true;
template <class V>
void describe(V& v, model::LogStream& x) {
    v("name", x.name);
    v("creationMs", x.creation_ms);
    v("lastIngestionMs", x.last_ingestion_ms);
}

template <>
inline constexpr bool k_described<model::StoredLogEvent> = true;
template <class V>
void describe(V& v, model::StoredLogEvent& x) {
    v("timestampMs", x.timestamp_ms);
    v("ingestionMs", x.ingestion_ms);
    v("seq", x.seq);
    v("message", x.message);
}

}  // namespace berth::persist::codec
