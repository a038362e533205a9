/** Meetings in memory: rooms, participants, roles, lobby and chat; media only through {@link parley.room.MediaPlane}. */
package parley.room;
