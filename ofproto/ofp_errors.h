/* OpenFlow errors: one table giving each error's name (as Open vSwitch
 * prints it), its encoding in OpenFlow 1.3 and a description.  The names
 * are Open vSwitch's, so that logs and tools agree: a few are those of
 * OpenFlow 1.0 (OFPBRC_BAD_STAT and OFPBRC_BAD_VENDOR are 1.3's
 * OFPBRC_BAD_MULTIPART and OFPBRC_BAD_EXPERIMENTER, OFPBAC_BAD_VENDOR is
 * OFPBAC_BAD_EXPERIMENTER).
 *
 * Convention: codec and protocol functions return 0 or -OFPERR_<NAME>;
 * values are far above errno's, so a caller can tell them apart with
 * ofperr_is_ofperr().  Most errors are the specification's (type, code)
 * pairs; the rest are the experimenter errors Open vSwitch uses in OpenFlow
 * 1.3: ONF's (bundles, duplicate instruction, set_field with a mask) and
 * Nicira's (type 0xffff, the extension's number as exp_type).
 *
 * Thread-safety: constant tables; functions touch only their arguments. */
#ifndef PONT_OFP_ERRORS_H
#define PONT_OFP_ERRORS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

/* X(NAME, TYPE, CODE, EXPERIMENTER, DESCRIPTION): for an experimenter
 * error TYPE is 0xffff, CODE is the exp_type and EXPERIMENTER its id;
 * otherwise EXPERIMENTER is 0. */
#define OFPERR_NX 0x00002320u
#define OFPERR_ONF 0x4f4e4600u
#define OFPERR_LIST(X) \
    X(OFPHFC_INCOMPATIBLE, 0, 0, 0, "No compatible version.") \
    X(OFPHFC_EPERM, 0, 1, 0, "Permissions error.") \
    X(OFPBRC_BAD_VERSION, 1, 0, 0, "ofp_header.version not supported.") \
    X(OFPBRC_BAD_TYPE, 1, 1, 0, "ofp_header.type not supported.") \
    X(OFPBRC_BAD_STAT, 1, 2, 0, "ofp_stats_msg.type not supported.") \
    X(OFPBRC_BAD_VENDOR, 1, 3, 0, \
      "Vendor not supported (in ofp_vendor_header or ofp_stats_msg).") \
    X(OFPBRC_BAD_SUBTYPE, 1, 4, 0, "Vendor subtype not supported.") \
    X(OFPBRC_EPERM, 1, 5, 0, "Permissions error.") \
    X(OFPBRC_BAD_LEN, 1, 6, 0, "Wrong request length for type.") \
    X(OFPBRC_BUFFER_EMPTY, 1, 7, 0, \
      "Specified buffer has already been used.") \
    X(OFPBRC_BUFFER_UNKNOWN, 1, 8, 0, "Specified buffer does not exist.") \
    X(OFPBRC_BAD_TABLE_ID, 1, 9, 0, \
      "Specified table-id invalid or does not exist.") \
    X(OFPBRC_IS_SECONDARY, 1, 10, 0, \
      "Denied because the controller is a secondary (slave).") \
    X(OFPBRC_BAD_PORT, 1, 11, 0, "Invalid port.") \
    X(OFPBRC_BAD_PACKET, 1, 12, 0, "Invalid packet in packet-out.") \
    X(OFPBRC_MULTIPART_BUFFER_OVERFLOW, 1, 13, 0, \
      "Multipart request overflowed the assigned buffer.") \
    X(OFPBRC_MULTIPART_REQUEST_TIMEOUT, 0xffff, 2640, OFPERR_ONF, \
      "Timeout during multipart request.") \
    X(OFPBRC_MULTIPART_REPLY_TIMEOUT, 0xffff, 2641, OFPERR_ONF, \
      "Timeout during multipart reply.") \
    X(NXBRC_NXM_INVALID, 0xffff, 2, OFPERR_NX, "Invalid NXM flow match.") \
    X(NXBRC_NXM_BAD_TYPE, 0xffff, 3, OFPERR_NX, \
      "nxm_type (alone or with hasmask/length) is invalid or not " \
      "implemented.") \
    X(NXBRC_MUST_BE_ZERO, 0xffff, 4, OFPERR_NX, \
      "Must-be-zero field had nonzero value.") \
    X(NXBRC_BAD_REASON, 0xffff, 5, OFPERR_NX, \
      "The reason in an ofp_port_status message is not valid.") \
    X(NXBRC_FM_BAD_EVENT, 0xffff, 9, OFPERR_NX, \
      "NXST_FLOW_MONITOR reply 'event' is not ABBREV/ADD/DELETE/MODIFY.") \
    X(NXBRC_UNENCODABLE_ERROR, 0xffff, 10, OFPERR_NX, \
      "The error that occurred cannot be represented in this OpenFlow " \
      "version.") \
    X(OFPBAC_BAD_TYPE, 2, 0, 0, "Unknown action type.") \
    X(OFPBAC_BAD_LEN, 2, 1, 0, "Length problem in actions.") \
    X(OFPBAC_BAD_VENDOR, 2, 2, 0, "Unknown experimenter id specified.") \
    X(OFPBAC_BAD_VENDOR_TYPE, 2, 3, 0, \
      "Unknown action type for experimenter id.") \
    X(OFPBAC_BAD_OUT_PORT, 2, 4, 0, "Problem validating output port.") \
    X(OFPBAC_BAD_ARGUMENT, 2, 5, 0, "Bad action argument.") \
    X(OFPBAC_EPERM, 2, 6, 0, "Permissions error.") \
    X(OFPBAC_TOO_MANY, 2, 7, 0, "Can't handle this many actions.") \
    X(OFPBAC_BAD_QUEUE, 2, 8, 0, "Problem validating output queue.") \
    X(OFPBAC_BAD_OUT_GROUP, 2, 9, 0, "Invalid group id in forward action.") \
    X(OFPBAC_MATCH_INCONSISTENT, 2, 10, 0, \
      "Action can't apply for this match, or a field prerequisite is unmet.") \
    X(OFPBAC_UNSUPPORTED_ORDER, 2, 11, 0, \
      "Action order unsupported for the action list in an Apply-Actions " \
      "instruction.") \
    X(OFPBAC_BAD_TAG, 2, 12, 0, "Actions uses an unsupported tag/encap.") \
    X(OFPBAC_BAD_SET_TYPE, 2, 13, 0, \
      "Action uses unknown or unsupported OXM or NXM field.") \
    X(OFPBAC_BAD_SET_LEN, 2, 14, 0, \
      "Action references past the end of an OXM/NXM field, or uses length 0.") \
    X(OFPBAC_BAD_SET_ARGUMENT, 2, 15, 0, \
      "Action sets a field to an invalid/unsupported value, or a read-only " \
      "field.") \
    X(OFPBAC_BAD_SET_MASK, 0xffff, 4250, OFPERR_ONF, \
      "Field in Set-Field action has Has-Mask bit set to 1.") \
    X(NXBAC_MUST_BE_ZERO, 0xffff, 11, OFPERR_NX, \
      "Must-be-zero action argument had nonzero value.") \
    X(NXBAC_BAD_CONJUNCTION, 0xffff, 15, OFPERR_NX, \
      "Conjunction action must be only action present.") \
    X(NXBAC_BAD_HEADER_TYPE, 0xffff, 39, OFPERR_NX, \
      "Unsupported packet type in encap or decap.") \
    X(NXBAC_UNKNOWN_ED_PROP, 0xffff, 40, OFPERR_NX, \
      "Unrecognized encap or decap property.") \
    X(NXBAC_BAD_ED_PROP, 0xffff, 41, OFPERR_NX, \
      "Error in encap or decap property.") \
    X(NXBAC_CT_DATAPATH_SUPPORT, 0xffff, 42, OFPERR_NX, \
      "Action needs a connection-tracking feature the datapath lacks.") \
    X(OFPBIC_UNKNOWN_INST, 3, 0, 0, "Unknown instruction.") \
    X(OFPBIC_UNSUP_INST, 3, 1, 0, \
      "Switch or table does not support the instruction.") \
    X(OFPBIC_BAD_TABLE_ID, 3, 2, 0, "Invalid Table-ID specified.") \
    X(OFPBIC_UNSUP_METADATA, 3, 3, 0, \
      "Metadata value unsupported by datapath.") \
    X(OFPBIC_UNSUP_METADATA_MASK, 3, 4, 0, \
      "Metadata mask value unsupported by datapath.") \
    X(OFPBIC_BAD_EXPERIMENTER, 3, 5, 0, \
      "Unknown experimenter id specified.") \
    X(OFPBIC_BAD_EXP_TYPE, 3, 6, 0, \
      "Unknown instruction for experimenter id.") \
    X(OFPBIC_BAD_LEN, 3, 7, 0, "Length problem in instructions.") \
    X(OFPBIC_EPERM, 3, 8, 0, "Permissions error.") \
    X(OFPBIC_DUP_INST, 0xffff, 2600, OFPERR_ONF, "Duplicate instruction.") \
    X(OFPBMC_BAD_TYPE, 4, 0, 0, \
      "Unsupported match type specified by the match.") \
    X(OFPBMC_BAD_LEN, 4, 1, 0, "Length problem in match.") \
    X(OFPBMC_BAD_TAG, 4, 2, 0, "Match uses an unsupported tag/encap.") \
    X(OFPBMC_BAD_DL_ADDR_MASK, 4, 3, 0, \
      "Unsupported datalink addr mask (no arbitrary datalink address masks).") \
    X(OFPBMC_BAD_NW_ADDR_MASK, 4, 4, 0, \
      "Unsupported network addr mask (no arbitrary network address masks).") \
    X(OFPBMC_BAD_WILDCARDS, 4, 5, 0, \
      "Unsupported wildcard specified in the match.") \
    X(OFPBMC_BAD_FIELD, 4, 6, 0, "Unsupported field in the match.") \
    X(OFPBMC_BAD_VALUE, 4, 7, 0, "Unsupported value in a match field.") \
    X(OFPBMC_BAD_MASK, 4, 8, 0, \
      "Unsupported mask in the match, field is not dl-address or nw-address.") \
    X(OFPBMC_BAD_PREREQ, 4, 9, 0, "A prerequisite was not met.") \
    X(OFPBMC_DUP_FIELD, 4, 10, 0, "A field type was duplicated.") \
    X(OFPBMC_EPERM, 4, 11, 0, "Permissions error.") \
    X(NXBMC_CT_DATAPATH_SUPPORT, 0xffff, 43, OFPERR_NX, \
      "Flow match needs a connection-tracking feature the datapath lacks.") \
    X(OFPFMFC_UNKNOWN, 5, 0, 0, "Unspecified error.") \
    X(OFPFMFC_TABLE_FULL, 5, 1, 0, \
      "Flow not added because of full table(s).") \
    X(OFPFMFC_BAD_TABLE_ID, 5, 2, 0, "Table does not exist.") \
    X(OFPFMFC_OVERLAP, 5, 3, 0, \
      "Attempted to add overlapping flow with CHECK_OVERLAP flag set.") \
    X(OFPFMFC_EPERM, 5, 4, 0, "Permissions error.") \
    X(OFPFMFC_BAD_TIMEOUT, 5, 5, 0, \
      "Flow not added because of unsupported idle/hard timeout.") \
    X(OFPFMFC_BAD_COMMAND, 5, 6, 0, "Unsupported or unknown command.") \
    X(OFPFMFC_BAD_FLAGS, 5, 7, 0, "Unsupported or unknown flags.") \
    X(OFPFMFC_BAD_PRIORITY, 0xffff, 2360, OFPERR_ONF, \
      "Unsupported priority value.") \
    X(NXTFFC_DUP_TABLE, 0xffff, 44, OFPERR_NX, \
      "A table was described twice in a table features request.") \
    X(OFPACFC_INVALID, 0xffff, 2370, OFPERR_ONF, \
      "Invalid async configuration.") \
    X(OFPACFC_UNSUPPORTED, 0xffff, 2371, OFPERR_ONF, \
      "Async configuration not supported.") \
    X(OFPACFC_EPERM, 0xffff, 2372, OFPERR_ONF, "Permissions error.") \
    X(NXFMFC_HARDWARE, 0xffff, 12, OFPERR_NX, "Generic hardware error.") \
    X(NXFMFC_BAD_TABLE_ID, 0xffff, 13, OFPERR_NX, \
      "Nonexistent table ID in flow_mod \"command\"(nxt_flow_mod_table_id " \
      "on).") \
    X(NXFMFC_INVALID_TLV_FIELD, 0xffff, 37, OFPERR_NX, \
      "Attempted to add a flow with an invalid variable length meta-flow " \
      "field.") \
    X(OFPGMFC_GROUP_EXISTS, 6, 0, 0, \
      "Group not added: group ADD attempted to replace an already-present " \
      "group.") \
    X(OFPGMFC_INVALID_GROUP, 6, 1, 0, \
      "Group not added because Group specified is invalid.") \
    X(OFPGMFC_WEIGHT_UNSUPPORTED, 6, 2, 0, \
      "Switch does not support unequal load sharing with select groups.") \
    X(OFPGMFC_OUT_OF_GROUPS, 6, 3, 0, "The group table is full.") \
    X(OFPGMFC_OUT_OF_BUCKETS, 6, 4, 0, \
      "The maximum number of action buckets for a group has been exceeded.") \
    X(OFPGMFC_CHAINING_UNSUPPORTED, 6, 5, 0, \
      "Switch does not support groups that forward to groups.") \
    X(OFPGMFC_WATCH_UNSUPPORTED, 6, 6, 0, \
      "This group cannot watch the watch_port or watch_group specified.") \
    X(OFPGMFC_LOOP, 6, 7, 0, "Group entry would cause a loop.") \
    X(OFPGMFC_UNKNOWN_GROUP, 6, 8, 0, \
      "Group not modified: group MODIFY attempted on a non-existent group.") \
    X(OFPGMFC_CHAINED_GROUP, 6, 9, 0, \
      "Group not deleted because another group is forwarding to it.") \
    X(OFPGMFC_BAD_TYPE, 6, 10, 0, "Unsupported or unknown group type.") \
    X(OFPGMFC_BAD_COMMAND, 6, 11, 0, "Unsupported or unknown command.") \
    X(OFPGMFC_BAD_BUCKET, 6, 12, 0, "Error in bucket.") \
    X(OFPGMFC_BAD_WATCH, 6, 13, 0, "Error in watch port/group.") \
    X(OFPGMFC_EPERM, 6, 14, 0, "Permissions error.") \
    X(OFPPMFC_BAD_PORT, 7, 0, 0, "Specified port does not exist.") \
    X(OFPPMFC_BAD_HW_ADDR, 7, 1, 0, \
      "Specified hardware address does not match the port number.") \
    X(OFPPMFC_BAD_CONFIG, 7, 2, 0, "Specified config is invalid.") \
    X(OFPPMFC_BAD_ADVERTISE, 7, 3, 0, "Specified advertise is invalid.") \
    X(OFPPMFC_EPERM, 7, 4, 0, "Permissions error.") \
    X(OFPTMFC_BAD_TABLE, 8, 0, 0, "Specified table does not exist.") \
    X(OFPTMFC_BAD_CONFIG, 8, 1, 0, "Specified config is invalid.") \
    X(OFPTMFC_EPERM, 8, 2, 0, "Permissions error.") \
    X(OFPQOFC_BAD_PORT, 9, 0, 0, "Invalid port (or port does not exist).") \
    X(OFPQOFC_BAD_QUEUE, 9, 1, 0, "Queue does not exist.") \
    X(OFPQOFC_EPERM, 9, 2, 0, "Permissions error.") \
    X(OFPSCFC_BAD_FLAGS, 10, 0, 0, "Specified flags is invalid.") \
    X(OFPSCFC_BAD_LEN, 10, 1, 0, "Specified len is invalid.") \
    X(OFPSCFC_EPERM, 10, 2, 0, "Permissions error.") \
    X(OFPRRFC_STALE, 11, 0, 0, "Stale Message: old generation_id.") \
    X(OFPRRFC_UNSUP, 11, 1, 0, "Controller role change unsupported.") \
    X(OFPRRFC_BAD_ROLE, 11, 2, 0, "Invalid role.") \
    X(OFPMMFC_UNKNOWN, 12, 0, 0, "Unspecified error.") \
    X(OFPMMFC_METER_EXISTS, 12, 1, 0, \
      "Meter not added: Meter ADD attempted to replace an existing Meter.") \
    X(OFPMMFC_INVALID_METER, 12, 2, 0, \
      "Meter not added because Meter specified is invalid.") \
    X(OFPMMFC_UNKNOWN_METER, 12, 3, 0, \
      "Meter not modified: Meter MODIFY attempted on a non-existent Meter.") \
    X(OFPMMFC_BAD_COMMAND, 12, 4, 0, "Unsupported or unknown command.") \
    X(OFPMMFC_BAD_FLAGS, 12, 5, 0, "Flag configuration unsupported.") \
    X(OFPMMFC_BAD_RATE, 12, 6, 0, "Rate unsupported.") \
    X(OFPMMFC_BAD_BURST, 12, 7, 0, "Burst size unsupported.") \
    X(OFPMMFC_BAD_BAND, 12, 8, 0, "Band unsupported.") \
    X(OFPMMFC_BAD_BAND_VALUE, 12, 9, 0, "Band value unsupported.") \
    X(OFPMMFC_OUT_OF_METERS, 12, 10, 0, "No more meters available.") \
    X(OFPMMFC_OUT_OF_BANDS, 12, 11, 0, \
      "The maximum number of properties for a meter has been exceeded.") \
    X(OFPTFFC_BAD_TABLE, 13, 0, 0, "Specified table does not exist.") \
    X(OFPTFFC_BAD_METADATA, 13, 1, 0, "Invalid metadata mask.") \
    X(OFPTFFC_EPERM, 13, 5, 0, "Permissions error.") \
    X(OFPBPC_BAD_TYPE, 13, 2, 0, \
      "Unknown property type (OFPTFFC_BAD_TYPE in OF1.3).") \
    X(OFPBPC_BAD_LEN, 13, 3, 0, \
      "Length problem in property (OFPTFFC_BAD_LEN in OF1.3).") \
    X(OFPBPC_BAD_VALUE, 13, 4, 0, \
      "Unsupported property value (OFPTFFC_BAD_ARGUMENT in OF1.3).") \
    X(OFPBPC_TOO_MANY, 0xffff, 4443, OFPERR_ONF, \
      "Can't handle this many properties.") \
    X(OFPBPC_DUP_TYPE, 0xffff, 4444, OFPERR_ONF, \
      "A property type was duplicated.") \
    X(OFPBPC_BAD_EXPERIMENTER, 0xffff, 4445, OFPERR_ONF, \
      "Unknown experimenter id specified.") \
    X(OFPBPC_BAD_EXP_TYPE, 0xffff, 4446, OFPERR_ONF, \
      "Unknown exp_type for experimenter id.") \
    X(OFPBPC_BAD_EXP_VALUE, 0xffff, 4447, OFPERR_ONF, \
      "Unknown value for experimenter id.") \
    X(OFPBPC_EPERM, 0xffff, 4448, OFPERR_ONF, "Permissions error.") \
    X(OFPBFC_UNKNOWN, 0xffff, 2300, OFPERR_ONF, "Unspecified error.") \
    X(OFPBFC_EPERM, 0xffff, 2301, OFPERR_ONF, "Permissions error.") \
    X(OFPBFC_BAD_ID, 0xffff, 2302, OFPERR_ONF, "Bundle ID doesn't exist.") \
    X(OFPBFC_BUNDLE_EXIST, 0xffff, 2303, OFPERR_ONF, \
      "Bundle ID already exists.") \
    X(OFPBFC_BUNDLE_CLOSED, 0xffff, 2304, OFPERR_ONF, \
      "Bundle ID is closed.") \
    X(OFPBFC_OUT_OF_BUNDLES, 0xffff, 2305, OFPERR_ONF, \
      "Too many bundle IDs.") \
    X(OFPBFC_BAD_TYPE, 0xffff, 2306, OFPERR_ONF, \
      "Unsupported or unknown message control type.") \
    X(OFPBFC_BAD_FLAGS, 0xffff, 2307, OFPERR_ONF, \
      "Unsupported, unknown, or inconsistent flags.") \
    X(OFPBFC_MSG_BAD_LEN, 0xffff, 2308, OFPERR_ONF, \
      "Length problem in included message.") \
    X(OFPBFC_MSG_BAD_XID, 0xffff, 2309, OFPERR_ONF, \
      "Inconsistent or duplicate XID.") \
    X(OFPBFC_MSG_UNSUP, 0xffff, 2310, OFPERR_ONF, \
      "Unsupported message in this bundle.") \
    X(OFPBFC_MSG_CONFLICT, 0xffff, 2311, OFPERR_ONF, \
      "Unsupported message combination in this bundle.") \
    X(OFPBFC_MSG_TOO_MANY, 0xffff, 2312, OFPERR_ONF, \
      "Can't handle this many messages in bundle.") \
    X(OFPBFC_MSG_FAILED, 0xffff, 2313, OFPERR_ONF, \
      "One message in bundle failed.") \
    X(OFPBFC_TIMEOUT, 0xffff, 2314, OFPERR_ONF, \
      "Bundle is taking too long.") \
    X(OFPBFC_BUNDLE_IN_PROGRESS, 0xffff, 2315, OFPERR_ONF, \
      "Bundle is locking the resource.") \
    X(OFPMOFC_MONITOR_EXISTS, 0xffff, 6, OFPERR_NX, \
      "Monitor not added: Monitor ADD attempted to replace an existing " \
      "Monitor.") \
    X(OFPMOFC_UNKNOWN_MONITOR, 0xffff, 8, OFPERR_NX, \
      "Monitor not modified: MODIFY attempted on a non-existent Monitor.") \
    X(OFPMOFC_BAD_FLAGS, 0xffff, 7, OFPERR_NX, \
      "Flag configuration unsupported.") \
    X(NXTTMFC_BAD_COMMAND, 0xffff, 16, OFPERR_NX, \
      "The TLV table mod command is not recognized as a valid operation.") \
    X(NXTTMFC_BAD_OPT_LEN, 0xffff, 17, OFPERR_NX, \
      "The option length is not a valid option size for TLVs.") \
    X(NXTTMFC_BAD_FIELD_IDX, 0xffff, 18, OFPERR_NX, \
      "Field index out of range for the supported NX_TUN_METADATA<n> match.") \
    X(NXTTMFC_TABLE_FULL, 0xffff, 19, OFPERR_NX, \
      "Total set of configured options exceeds the switch's maximum.") \
    X(NXTTMFC_ALREADY_MAPPED, 0xffff, 20, OFPERR_NX, \
      "NXTTMC_ADD issued for a field index that is already mapped.") \
    X(NXTTMFC_DUP_ENTRY, 0xffff, 21, OFPERR_NX, \
      "Option TLV to be mapped is already assigned to a different field.") \
    X(NXTTMFC_INVALID_TLV_DEL, 0xffff, 38, OFPERR_NX, \
      "Attempted to delete a TLV mapping that is used by any active flow.") \
    X(NXR_NOT_SUPPORTED, 0xffff, 34, OFPERR_NX, \
      "This datapath doesn't support NXT_RESUME.") \
    X(NXR_STALE, 0xffff, 35, OFPERR_NX, \
      "Continuation is stale (OVS restarted, bridge destroyed, or foreign " \
      "origin).") \
    X(NXST_NOT_CONFIGURED, 0xffff, 36, OFPERR_NX, \
      "Protocol is not configured on this Open vSwitch instance.")

/* Values start here, so that -ofperr never collides with -errno. */
#define OFPERR_OFS (1 << 20)

enum ofperr {
    OFPERR_FIRST_ = OFPERR_OFS - 1,
#define OFPERR_ENUM_(NAME, TYPE, CODE, EXP, DESC) OFPERR_##NAME,
    OFPERR_LIST(OFPERR_ENUM_)
#undef OFPERR_ENUM_
    OFPERR_LAST_
};

/* Returns true if 'retval' (a function's return value) is -OFPERR_*. */
static inline bool
ofperr_is_ofperr(int retval)
{
    return retval < 0 && -retval > OFPERR_FIRST_ && -retval < OFPERR_LAST_;
}

/* Name ("OFPBMC_BAD_PREREQ") and description of an error; "unknown error"
 * for a value that is none. */
const char *ofperr_name(enum ofperr);
const char *ofperr_description(enum ofperr);

/* The error's OpenFlow 1.3 wire encoding. */
void ofperr_to_wire(enum ofperr, uint16_t *type, uint16_t *code,
                    uint32_t *experimenter);

/* Returns the error with this wire encoding, or 0 if Pont knows none. */
enum ofperr ofperr_from_wire(uint16_t type, uint16_t code,
                             uint32_t experimenter);

/* Appends an OFPT_ERROR message reporting 'error' in reply to the request
 * of 'request_len' bytes at 'request': same xid, and the request's first
 * OFP_ERROR_DATA_MAX bytes as data, as the specification asks. */
void ofperr_encode_reply(enum ofperr, const void *request, size_t request_len,
                         struct buf *);

#endif /* ofproto/ofp_errors.h */
